"""Disclosure settings with their documented defaults (portal-and-oversight.md §2.5). Override any of them
in settings as GONGKAI_DISCLOSURE_<NAME>."""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"GONGKAI_DISCLOSURE_{name}", default)


def dynamic_max_gap_days() -> int:
    """column.class.dynamic.max_gap: 动态/要闻类栏目 2 周 (国办秘函〔2019〕19号 栏目不更新)."""
    return _get("DYNAMIC_MAX_GAP_DAYS", 14)


def notice_policy_max_gap_months() -> int:
    """column.class.notice_policy.max_gap: 通知公告、政策文件类 6 个月 (19号)."""
    return _get("NOTICE_POLICY_MAX_GAP_MONTHS", 6)


def personnel_plan_max_gap_months() -> int:
    """column.class.personnel_plan.max_gap: 人事、规划计划类 1 年 (2015 普查; UNCONFIRMED for 19号)."""
    return _get("PERSONNEL_PLAN_MAX_GAP_MONTHS", 12)


def veto_stale_dynamic_plus_notice() -> int:
    """veto.stale_dynamic_plus_notice_count ≥5 (19号 栏目不更新 第1项)."""
    return _get("VETO_STALE_DYNAMIC_PLUS_NOTICE", 5)


def veto_stale_should_update() -> int:
    """veto.stale_should_update_count ≥10 (19号 栏目不更新 第2项)."""
    return _get("VETO_STALE_SHOULD_UPDATE", 10)


def veto_blank_columns() -> int:
    """veto.empty_column_count ≥5 (19号 栏目不更新 第3项)."""
    return _get("VETO_BLANK_COLUMNS", 5)


def undated_counts_as_stale() -> bool:
    """item.no_publish_date: 未注明信息发布时间的视为不更新 (2015 普查评分表注)."""
    return _get("UNDATED_COUNTS_AS_STALE", True)


def proactive_sla_working_days() -> int:
    """disclosure.proactive_sla: 信息形成或者变更之日起20个工作日内 when a catalogue row gives no number."""
    return _get("PROACTIVE_SLA_WORKING_DAYS", 20)


def default_review_steps() -> list[str]:
    return list(_get("DEFAULT_REVIEW_STEPS", ["secrecy", "first", "second", "final"]))


def page_size() -> int:
    return _get("PAGE_SIZE", 20)


def word_context_chars() -> int:
    """How far from a leader's name a title is looked for by the 领导职务 check."""
    return _get("LEADER_TITLE_WINDOW", 8)


def publish_hooks() -> list:
    """Callables `hook(*, item, by)` run after an item becomes public (after commit). The default lets the
    policies library publish a document or interpretation whose item was approved in the review queue."""
    from django.utils.module_loading import import_string

    hooks = []
    for path in _get("PUBLISH_HOOKS", ["gongkai.policies.services.sync.policy_item_published"]):
        try:
            hooks.append(import_string(path))
        except ImportError:
            continue  # that module is not part of this build
    return hooks


def crumb_cache_seconds() -> int:
    """How long public breadcrumbs (unit names above a platform) are cached."""
    return _get("CRUMB_CACHE_SECONDS", 300)


def page_cache_enabled() -> bool:
    """Serve anonymous public platform pages from the cache (pagecache.py). Default on."""
    return _get("PAGE_CACHE", True)


def page_cache_alias() -> str:
    """The settings.CACHES alias holding public pages; falls back to "default" when not configured. It may be
    private to each process (an in-memory cache per worker) if the generation cache is shared."""
    return _get("PAGE_CACHE_ALIAS", "default")


def generation_cache_alias() -> str:
    """The settings.CACHES alias holding the platform generation counter, which every worker process must
    share (file-based, Redis, Memcached or database cache); falls back to "default"."""
    return _get("GENERATION_CACHE_ALIAS", "default")


def page_cache_seconds() -> int:
    """TTL of a cached public page. Invalidation is by generation bump; the TTL bounds staleness only where
    the generation cache is not shared between processes and for changes made outside the services."""
    return _get("PAGE_CACHE_SECONDS", 300)
