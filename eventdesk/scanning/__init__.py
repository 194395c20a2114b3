"""From what a scanner typed or a camera saw to a code the door can judge."""
