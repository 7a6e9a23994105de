"""System check: the personal-data keys must not be the public development or test defaults."""

from django.conf import settings
from django.core.checks import Warning

# The keys written in shifan/settings.py (DEBUG) and shifan/settings_test.py: public, in the repository.
PUBLIC_KEYS = frozenset(h * 16 for h in ("0f", "1e", "3c", "4d", "6b", "7e"))
KEY_SETTINGS = (("FIELD_ENCRYPTION_KEYS", "SHIFAN_FIELD_KEYS"), ("INDEX_KEYS", "SHIFAN_INDEX_KEYS"))


def _public_key_ids(value: str) -> list[str]:
    found = []
    for item in (value or "").split(","):
        key_id, _, hex_value = item.strip().partition(":")
        if hex_value.strip().lower() in PUBLIC_KEYS:
            found.append(key_id.strip())
    return found


def personal_data_keys(app_configs=None, **kwargs) -> list[Warning]:
    """``core.W001`` when DEBUG is off and SHIFAN_FIELD_KEYS or SHIFAN_INDEX_KEYS lists a public key."""
    if settings.DEBUG:
        return []
    warnings = []
    for setting, env_name in KEY_SETTINGS:
        ids = _public_key_ids(getattr(settings, setting, ""))
        if ids:
            warnings.append(Warning(
                f"{env_name} 中的密钥 {'、'.join(ids)} 是代码仓库中公开的开发/测试默认密钥，生产环境不得使用。",
                hint=f"生成新密钥（如 python -c \"import secrets; print(secrets.token_hex(16))\"），"
                     f"以「新ID:新密钥,旧ID:旧密钥」设置 {env_name}，再运行 manage.py rotate_keys，完成后删除旧密钥。",
                id="core.W001",
            ))
    return warnings
