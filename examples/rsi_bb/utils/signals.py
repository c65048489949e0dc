"""Entry and exit signals: RSI oversold confirmed by the lower Bollinger band.

A long entry needs both indicators to agree: the RSI is oversold and the
close is at or below the lower band. The position is closed when the price
returns to the middle band, the RSI becomes overbought, or the stop is hit.
"""

from dataclasses import dataclass
from enum import Enum
from typing import List, Optional

from indicators.bollinger import Bands, bollinger, percent_b
from indicators.rsi import rsi

from .risk import Account, RiskLimits, average_true_range, may_open, position_size, stop_for


class Action(Enum):
    """What the strategy does on a bar."""

    HOLD = "hold"
    BUY = "buy"
    SELL = "sell"


@dataclass
class SignalConfig:
    """The tunable parameters of the signal rules."""

    rsi_period: int = 14
    rsi_oversold: float = 30.0
    rsi_overbought: float = 70.0
    bb_window: int = 20
    bb_std: float = 2.0
    exit_at_middle: bool = True


@dataclass
class Bar:
    """Everything the rules need to know about one bar."""

    index: int
    price: float
    rsi: Optional[float]
    bands: Bands


def prepare(prices: List[float], config: SignalConfig) -> List[Bar]:
    """Compute the indicators once and pair them with the prices."""
    rsi_values = rsi(prices, config.rsi_period)
    band_values = bollinger(prices, config.bb_window, config.bb_std)
    return [Bar(i, p, r, b) for i, (p, r, b) in enumerate(zip(prices, rsi_values, band_values))]


def entry_signal(bar: Bar, config: SignalConfig) -> bool:
    """RSI oversold and the close at or below the lower band."""
    if bar.rsi is None or bar.bands.lower is None:
        return False
    return bar.rsi <= config.rsi_oversold and bar.price <= bar.bands.lower


def exit_signal(bar: Bar, account: Account, config: SignalConfig) -> bool:
    """Middle band reached, RSI overbought, or the stop hit."""
    if account.position == 0:
        return False
    if account.stop_price is not None and bar.price <= account.stop_price:
        return True
    if bar.rsi is not None and bar.rsi >= config.rsi_overbought:
        return True
    if config.exit_at_middle and bar.bands.middle is not None:
        return bar.price >= bar.bands.middle
    return False


def decide(bar: Bar, history: List[float], account: Account,
           config: SignalConfig, limits: RiskLimits) -> Action:
    """The action for one bar, given the account's state."""
    if exit_signal(bar, account, config):
        return Action.SELL
    if may_open(account, limits) and entry_signal(bar, config):
        if stop_for(bar.price, average_true_range(history), limits) is not None:
            return Action.BUY
    return Action.HOLD


def apply(action: Action, bar: Bar, history: List[float], account: Account,
          limits: RiskLimits) -> Optional[float]:
    """Carry out `action` on the account; return the realised P&L of a sale."""
    if action is Action.BUY:
        stop = stop_for(bar.price, average_true_range(history), limits)
        units = position_size(account.equity, bar.price, stop, limits)
        if units > 0:
            account.position = units
            account.entry_price = bar.price
            account.stop_price = stop
        return None
    if action is Action.SELL:
        pnl = account.position * (bar.price - account.entry_price)
        account.equity += pnl
        account.position = 0.0
        account.entry_price = None
        account.stop_price = None
        return pnl
    return None


def describe(bar: Bar) -> str:
    """One line about a bar, for logs."""
    pb = percent_b(bar.price, bar.bands)
    rsi_text = "  n/a" if bar.rsi is None else "%5.1f" % bar.rsi
    pb_text = "  n/a" if pb is None else "%5.2f" % pb
    return "bar %4d  price %8.2f  rsi %s  %%b %s" % (bar.index, bar.price, rsi_text, pb_text)
