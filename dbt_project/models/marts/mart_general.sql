-- Innovationsarbete i företagen (övergripande) (Innovation work in firms (general)), report section 2.
{{ dimension_mart('general') }}
