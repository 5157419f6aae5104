-- Humankapital (Human capital), report section 2.1.3.
{{ dimension_mart('human_capital') }}
