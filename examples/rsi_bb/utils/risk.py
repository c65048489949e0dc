"""Position sizing and risk limits.

The strategy risks a fixed fraction of equity per trade, sized from the
distance to a volatility-based stop, and stops trading for the day after a
drawdown limit is hit.
"""

import math
from dataclasses import dataclass, field
from typing import List, Optional


@dataclass
class RiskLimits:
    """Limits every new position must respect."""

    risk_per_trade: float = 0.01      # fraction of equity lost if the stop is hit
    max_position_pct: float = 0.25    # cap on position value as a fraction of equity
    max_drawdown_pct: float = 0.20    # stop trading past this drawdown from the peak
    stop_atr_multiple: float = 2.0    # stop distance in average true ranges


@dataclass
class Account:
    """A cash account that holds at most one long position."""

    equity: float
    peak: float = 0.0
    position: float = 0.0
    entry_price: Optional[float] = None
    stop_price: Optional[float] = None
    history: List[float] = field(default_factory=list)

    def __post_init__(self):
        self.peak = max(self.peak, self.equity)

    def mark(self, price: float) -> float:
        """Value the account at `price`, record it and update the peak."""
        value = self.equity + self.position * (price - (self.entry_price or price))
        self.history.append(value)
        self.peak = max(self.peak, value)
        return value

    def drawdown(self) -> float:
        """Current drawdown from the peak, as a fraction."""
        if not self.history or self.peak <= 0:
            return 0.0
        return max(0.0, 1.0 - self.history[-1] / self.peak)


def average_true_range(prices: List[float], period: int = 14) -> Optional[float]:
    """ATR from close-only data: the mean absolute change over `period` bars."""
    if len(prices) <= period:
        return None
    changes = [abs(prices[i] - prices[i - 1]) for i in range(len(prices) - period, len(prices))]
    return sum(changes) / period


def position_size(equity: float, price: float, stop: float, limits: RiskLimits) -> float:
    """Units to buy so that hitting `stop` loses `risk_per_trade` of equity."""
    risk_per_unit = price - stop
    if risk_per_unit <= 0 or price <= 0:
        return 0.0
    units = equity * limits.risk_per_trade / risk_per_unit
    max_units = equity * limits.max_position_pct / price
    return math.floor(min(units, max_units) * 1000) / 1000


def stop_for(price: float, atr: Optional[float], limits: RiskLimits) -> Optional[float]:
    """Stop price below `price`, `stop_atr_multiple` ATRs away."""
    if atr is None or atr <= 0:
        return None
    return price - limits.stop_atr_multiple * atr


def may_open(account: Account, limits: RiskLimits) -> bool:
    """Whether a new position is allowed given the drawdown limit."""
    return account.position == 0 and account.drawdown() < limits.max_drawdown_pct


def sharpe(returns: List[float], periods_per_year: int = 252) -> float:
    """Annualised Sharpe ratio of per-bar returns, zero risk-free rate."""
    if len(returns) < 2:
        return 0.0
    mean = sum(returns) / len(returns)
    var = sum((r - mean) ** 2 for r in returns) / (len(returns) - 1)
    return 0.0 if var == 0 else mean / math.sqrt(var) * math.sqrt(periods_per_year)


def max_drawdown(values: List[float]) -> float:
    """Largest peak-to-trough fall of an equity curve, as a fraction."""
    peak = -math.inf
    worst = 0.0
    for v in values:
        peak = max(peak, v)
        if peak > 0:
            worst = max(worst, 1.0 - v / peak)
    return worst
