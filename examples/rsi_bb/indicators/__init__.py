"""Technical indicators used by the RSI/Bollinger strategy."""
