-- Kultur (Culture), report section 2.1.10.
{{ dimension_mart('culture') }}
