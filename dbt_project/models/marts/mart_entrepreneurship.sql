-- Entreprenöriell förmåga (Entrepreneurial capability), report section 2.1.4.
{{ dimension_mart('entrepreneurship') }}
