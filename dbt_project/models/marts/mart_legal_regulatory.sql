-- Legal och regulatorisk miljö (Legal and regulatory environment), report section 2.1.9.
{{ dimension_mart('legal_regulatory') }}
