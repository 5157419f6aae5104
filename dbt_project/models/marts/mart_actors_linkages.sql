-- Aktörer och kopplingar (Actors and linkages), report section 2.1.6.
{{ dimension_mart('actors_linkages') }}
