## Machine translation across the language line (the original always stays above it)
machine-translation =
    <i>Machine translation (for reference; the original prevails):</i>
    { $text }
machine-translation-unavailable = <i>(Machine translation is unavailable; the original is above.)</i>
