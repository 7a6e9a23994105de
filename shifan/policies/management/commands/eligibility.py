import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shifan.accounts.models import Jurisdiction
from shifan.policies.domain import default_policy
from shifan.policies.dossier import validate_dossier
from shifan.policies.engine import evaluate
from shifan.policies.facts import facts_from_dossier
from shifan.policies.models import Policy

INVALID = 2  # dossier.md: a file that is not a valid dossier exits with status 2


class Command(BaseCommand):
    help = "按认定办法版本检查申报材料（dossier JSON）是否符合第五条的条件，结果以 JSON 输出。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="申报材料 JSON 文件（shifan-dossier 第 1 版）")
        parser.add_argument("--policy", help="认定办法版本代码，如 nanchang-2022；默认使用默认版本")
        parser.add_argument("--as-of", dest="as_of", help="评价基准日 YYYY-MM-DD，默认今天；上一年度为其前一年")

    def handle(self, *args, file: str, policy: str | None = None, as_of: str | None = None, **options) -> None:
        problems = []
        reference_date = timezone.localdate()
        if as_of is not None:
            try:
                reference_date = date.fromisoformat(as_of)
            except ValueError:
                problems.append(f"--as-of: 日期 “{as_of}” 无效，应为 YYYY-MM-DD 格式的有效日期。")
        chosen = self._policy(policy, problems)
        data = self._read(Path(file), problems)
        if data is not None:
            codes = set(Jurisdiction.objects.values_list("code", flat=True))
            problems.extend(validate_dossier(data, jurisdictions=codes))
        if problems:
            raise CommandError(
                f"{file} 不能检查（{len(problems)} 处问题）：\n" + "\n".join(problems), returncode=INVALID
            )
        evaluation = evaluate(facts_from_dossier(data), chosen.to_params(), reference_date)
        self.stdout.write(json.dumps(evaluation.as_dict(), ensure_ascii=False, indent=2))

    def _policy(self, code: str | None, problems: list[str]) -> Policy | None:
        if code is None:
            chosen = default_policy()
            if chosen is None:
                problems.append("--policy: 未设置默认的认定办法版本，请用 --policy 指定版本代码。")
            return chosen
        chosen = Policy.objects.filter(code=code).first()
        if chosen is None:
            known = "、".join(Policy.objects.order_by("code").values_list("code", flat=True))
            problems.append(f"--policy: 没有代码为 “{code}” 的认定办法版本；现有版本：{known or '无'}。")
        return chosen

    def _read(self, path: Path, problems: list[str]):
        try:
            text = path.read_text(encoding="utf-8-sig")  # WPS and Notepad may prepend a BOM
        except FileNotFoundError:
            problems.append(f"{path}: 文件不存在。")
            return None
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path}: 无法以 UTF-8 读取文件（{error.__class__.__name__}）。")
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(f"{path}: 不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{error.msg}。")
            return None
