"""`manage.py check --deploy`: the public page cache needs a cache shared by all worker processes."""

from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def page_cache_shared(app_configs, **kwargs):
    from . import conf
    from .pagecache import page_cache

    if not conf.page_cache_enabled():
        return []
    backend = type(page_cache()).__module__
    if backend.endswith("locmem") or backend.endswith("dummy"):
        return [Warning(
            "公开平台页面缓存使用的是进程内缓存（LocMemCache）：多进程部署时，发布或撤回后其他进程可能在缓存有效期内仍显示旧页面。",
            hint="在 settings.CACHES 中配置共享缓存（Redis、Memcached、文件或数据库缓存），"
                 "或用 GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS 指向一个共享缓存别名。",
            id="disclosure.W001",
        )]
    return []
