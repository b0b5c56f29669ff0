from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from csx.editorial import previews
from csx.media.views import media_file
from csx.public import views
from csx.public.feeds import StoryFeed
from csx.public.sitemaps import sitemaps
from csx.public.views import social_images
from csx.public.views.errors import server_error
from csx.serving.reuse import kept_whole

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("stories.urls")),
    path("", include("principles.urls")),
    path("", include("csx.paths.urls")),
    path("", include("csx.feedback.urls")),
    path("", include("csx.learning.urls")),
    path("", include("csx.lti.urls")),
    path("", include("csx.public.source_urls")),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggestions, name="search_suggestions"),
    path("s/<str:code>/", views.short_link, name="short_link"),
    path("s/<str:code>/qr.svg", views.short_link_qr, name="short_link_qr"),
    path("embed/", include("csx.public.embed_urls")),
    path("og/site.png", social_images.site_image, name="og_site_image"),
    path("og/<str:segment>/<slug:slug>.png", social_images.item_image, name="og_image"),
    path("", include("csx.public.generic_urls")),
    path("oembed", views.oembed, name="oembed"),
    path("preview/<str:token>/", previews.shared_preview, name="shared_preview"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("csx.api.urls")),
    # An index of files, a section a type (csx/public/sitemaps.py): robots.txt names the index.
    path(
        "sitemap.xml",
        require_safe(kept_whole(sitemap_views.index)),
        {"sitemaps": sitemaps(), "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        require_safe(kept_whole(sitemap_views.sitemap)),
        {"sitemaps": sitemaps()},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feeds/stories/", require_safe(kept_whole(StoryFeed())), name="story_feed"),
    path("media/<path:name>", media_file, name="media_file"),
    path("healthz", views.healthz, name="healthz"),
]

handler500 = server_error
