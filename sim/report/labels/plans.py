"""Words of a portfolio of per-plan results (compare, solve, sweep, verify, diff, backtest over
several specs or a folder), zh and en."""
from __future__ import annotations

PLANS_TEXT = {
    "zh": {"plan": "规划", "rows": "各规划明细", "summary": "汇总", "errors": "未能读取的规划", "file": "文件",
           "line": "行", "indicator": "指标", "field": "字段", "error": "错误",
           "plans_ok": "{ok} 个规划已完成, {bad} 个未能读取", "by_plan": "按规划", "targets": "目标数",
           "not_on_track": "未达预期", "without": "{n} 个规划没有指标 {id}: {plans}",
           "by_scenario": "各情景(跨规划)", "scenario": "情景", "broken": "被违反的性质",
           "properties": "性质", "changed": "状态变化", "compared": "比较的目标", "draws": "抽样 {draws:,} 次, 随机种子 {seed}",
           "reached": "可达到年份", "cells": "格数", "meets": "达到目标的格"},
    "en": {"plan": "plan", "rows": "Rows by plan", "summary": "Summary", "errors": "Plans that could not be read",
           "file": "file", "line": "line", "indicator": "indicator", "field": "field", "error": "error",
           "plans_ok": "{ok} plan(s) done, {bad} could not be read", "by_plan": "By plan", "targets": "targets",
           "not_on_track": "not on track", "without": "{n} plan(s) have no indicator {id}: {plans}",
           "by_scenario": "Scenarios across plans", "scenario": "scenario", "broken": "properties broken",
           "properties": "properties", "changed": "changed status", "compared": "targets compared",
           "draws": "{draws:,} draws, seed {seed}", "reached": "with a year reached", "cells": "cells",
           "meets": "cells meeting the target"},
}
