"""The pure core: articles in, attributed quotations out. No Telegram, no storage."""
