"""An independent oracle: pydantic models that datamodel-code-generator builds from our specs."""
