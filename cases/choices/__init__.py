"""The options of a search field (pga.widgets.ComboBox), asked for as one types: a page holds
no list that grows with the city, and each answer holds only what the user may see."""
