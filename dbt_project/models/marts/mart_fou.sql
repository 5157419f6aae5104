-- Forskning och utveckling (FoU) (Research and development (R&D)), report section 2.1.2.
{{ dimension_mart('fou') }}
