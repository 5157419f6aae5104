-- Affärsstöd (Business support), report section 2.1.5.
{{ dimension_mart('business_support') }}
