"""The Telegram front end: wiring, thin handlers, rendering and the message catalogue."""
