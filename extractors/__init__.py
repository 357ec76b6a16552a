"""One module per extracted concern. Each takes a DeliberationText and returns values with evidence."""
