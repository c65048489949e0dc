#!/usr/bin/env python3
"""An Optuna study over the RSI/Bollinger strategy, each trial captured with btsnap.

Every trial's objective captures the code it runs and keeps the run id as the trial's user
attribute ``btsnap_run``, so ``study.trials_dataframe()`` has a column ``user_attrs_btsnap_run``
that ``btsnap show``/``restore``/``diff`` take. With ``--jobs`` above 1 Optuna runs trials on
threads of this process; each capture names this script all the same.

    python3 optuna_study.py [--store DIR] [--trials 12] [--jobs 2] [--json]
"""

import argparse
import json

import btsnap
import optuna

from rsi_bb_strategy import backtest, synthetic_prices
from utils.risk import RiskLimits
from utils.signals import SignalConfig


def objective_for(prices, store):
    def objective(trial):
        period = trial.suggest_int("rsi_period", 8, 30)
        std = trial.suggest_float("bb_std", 1.5, 3.0, step=0.25)
        stats = backtest(prices, SignalConfig(rsi_period=period, bb_std=std), RiskLimits())
        run = btsnap.capture(params=trial.params, labels={"trial": trial.number}, sweep="optuna",
                             mode="imports", store=store)
        run.annotate(sharpe=stats["sharpe"])
        trial.set_user_attr("btsnap_run", run.id)
        return stats["sharpe"]
    return objective


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="btsnap store folder (default: $BTSNAP_HOME or ~/.btsnap)")
    parser.add_argument("--trials", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=2, help="trials at once, on threads")
    parser.add_argument("--json", action="store_true", help="print the trials as JSON")
    args = parser.parse_args(argv)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=7))
    study.optimize(objective_for(synthetic_prices(500), args.store), n_trials=args.trials, n_jobs=args.jobs)
    trials = [{"number": t.number, "value": t.value, "params": t.params, "run": t.user_attrs.get("btsnap_run")}
              for t in study.trials]
    if args.json:
        print(json.dumps(trials))
        return 0
    best = study.best_trial
    print(f"best trial {best.number}: sharpe {best.value:+.3f} {best.params}")
    print(f"its code: btsnap show {best.user_attrs['btsnap_run']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
