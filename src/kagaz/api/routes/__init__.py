"""One router per resource; each family (bulk, docstream) gets its own copy of the Atlas routes."""
