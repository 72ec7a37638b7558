"""Proportionality by design (issue 18, docs/privacy.md): involvements that expire and are
renewed with a reason, the information level ('dat' or 'wat') of each, the periodic
proportionaliteitstoets and the facts that suggest afschalen."""
