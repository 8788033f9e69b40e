"""`manage.py check --deploy`: the public page cache's generation counter must be shared by all worker
processes (W001), and its pages must not sit in Django's file-based cache (W002)."""

from django.core.checks import Tags, Warning, register


def _backend(cache) -> str:
    return type(cache).__module__


@register(Tags.caches, deploy=True)
def page_cache_shared(app_configs, **kwargs):
    from . import conf
    from .pagecache import generation_cache, page_cache

    if not conf.page_cache_enabled():
        return []
    warnings = []
    if _backend(generation_cache()).endswith(("locmem", "dummy")):
        warnings.append(Warning(
            "公开平台页面缓存的版本计数器保存在进程内缓存（LocMemCache）中：多进程部署时，发布或撤回后其他进程可能在缓存有效期内仍显示旧页面。",
            hint="在 settings.CACHES 中配置共享缓存（文件、Redis、Memcached 或数据库缓存），"
                 "并用 GONGKAI_DISCLOSURE_GENERATION_CACHE_ALIAS 指向它（页面本身可以留在各进程的内存缓存中）。",
            id="disclosure.W001",
        ))
    if _backend(page_cache()).endswith("filebased"):
        warnings.append(Warning(
            "公开平台页面保存在文件缓存（FileBasedCache）中：该缓存每写入一次都要列出整个缓存目录，页面越多，首次访问越慢。",
            hint="用 GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS 把页面放到各进程的内存缓存（LocMemCache）、Redis 或 Memcached 中；"
                 "版本计数器可以继续使用文件缓存。",
            id="disclosure.W002",
        ))
    return warnings
