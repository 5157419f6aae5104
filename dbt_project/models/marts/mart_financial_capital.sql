-- Finansiellt kapital (Financial capital), report section 2.1.7.
{{ dimension_mart('financial_capital') }}
