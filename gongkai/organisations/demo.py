"""Demo directory: 江门市 (the city of seed 000) with its departments, 市（区）, the 蓬江区 units of
seed 001, groups as plans name them, and one demo account per role."""

from gongkai.core.reference import ensure_reference_data

from .credit_codes import make_code
from .models import GovernmentLevel, GroupRule, Role, Unit, UnitGroup, UnitKind, User
from .services import group_create, unit_create, user_create, user_set_roles

DEMO_PASSWORD = "gongkai-demo-2026"

CITY_DEPARTMENTS = [  # (official name, short name, aliases)
    ("江门市人民政府办公室", "市政府办公室", ["市政府办", "市府办", "市人民政府办公室"]),
    ("江门市发展和改革局", "市发展改革局", ["市发改局"]),
    ("江门市教育局", "市教育局", []),
    ("江门市工业和信息化局", "市工业和信息化局", ["市工信局"]),
    ("江门市民政局", "市民政局", []),
    ("江门市司法局", "市司法局", []),
    ("江门市财政局", "市财政局", []),
    ("江门市人力资源和社会保障局", "市人力资源社会保障局", ["市人社局"]),
    ("江门市自然资源局", "市自然资源局", []),
    ("江门市生态环境局", "市生态环境局", []),
    ("江门市住房和城乡建设局", "市住房城乡建设局", ["市住建局"]),
    ("江门市交通运输局", "市交通运输局", []),
    ("江门市水利局", "市水利局", []),
    ("江门市农业农村局", "市农业农村局", []),
    ("江门市商务局", "市商务局", []),
    ("江门市卫生健康局", "市卫生健康局", ["市卫健局"]),
    ("江门市审计局", "市审计局", []),
    ("江门市人民政府国有资产监督管理委员会", "市国资委", []),
    ("江门市市场监督管理局", "市市场监管局", ["市市场监督管理局"]),
    ("江门市城市管理和综合执法局", "市城市管理综合执法局", ["市城管执法局"]),
    ("江门市政务服务数据管理局", "市政务服务数据管理局", ["市政数局"]),
    ("江门市医疗保障局", "市医保局", []),
]
CITY_OTHER = [("中共江门市委宣传部", "市委宣传部", [])]
DISTRICTS = [  # (official, region, level)
    ("江门市蓬江区人民政府", "蓬江区"), ("江门市江海区人民政府", "江海区"), ("江门市新会区人民政府", "新会区"),
    ("台山市人民政府", "台山市"), ("开平市人民政府", "开平市"), ("鹤山市人民政府", "鹤山市"), ("恩平市人民政府", "恩平市"),
]
PENGJIANG_DEPARTMENTS = [
    ("江门市蓬江区人民政府办公室", "区政府办公室", ["区政府办"]),
    ("江门市蓬江区民政局", "区民政局", ["蓬江区民政局"]),
    ("江门市蓬江区财政局", "区财政局", []),
    ("江门市蓬江区教育局", "区教育局", []),
]
CIVIL_AFFAIRS_OFFICES = [("办公室", "", []), ("社会救助股", "", []), ("社会事务和社会工作股", "", []),
                         ("基层政权和社区治理股", "", [])]
PENGJIANG_TOWNS = [("白沙街道办事处", "白沙街道"), ("环市街道办事处", "环市街道"), ("潮连街道办事处", "潮连街道"),
                   ("杜阮镇人民政府", "杜阮镇"), ("棠下镇人民政府", "棠下镇"), ("荷塘镇人民政府", "荷塘镇")]

DEMO_USERS = [  # (username, full name, unit short name, roles, title)
    ("gkb", "陈公开", "市政府办公室", [Role.COORDINATOR], "政务公开科科长"),
    ("leader", "李领导", "市政府办公室", [Role.LEADER], "副秘书长"),
    ("fgj", "王联络", "市发展改革局", [Role.LIAISON], "办公室副主任"),
    ("mzj_jb", "赵经办", "市民政局", [Role.HANDLER, Role.LIAISON], "科员"),
    ("mzj_sh", "钱审核", "市民政局", [Role.REVIEWER], "办公室主任"),
    ("gkb_jb", "孙经办", "市政府办公室", [Role.HANDLER], "科员"),
    ("gkb_sh", "周审核", "市政府办公室", [Role.REVIEWER], "副主任"),
    ("pj_gkb", "吴公开", "区政府办公室", [Role.COORDINATOR], "政务公开股股长"),
    ("pjmz", "郑联络", "区民政局", [Role.LIAISON, Role.HANDLER], "办公室主任"),
]


def _unit(name, kind, parent, short="", aliases=(), level="", region="", order=100, serial=0, region_code="440700"):
    existing = Unit.objects.filter(name=name, parent=parent).first()
    if existing:
        return existing
    return unit_create(
        name=name, kind=kind, parent=parent, short_name=short, aliases=list(aliases), level=level,
        region_name=region, order=order, credit_code=make_code(region_code, serial) if serial else "",
    )


def _group(name, owner, rule, aliases=(), members=()):
    if UnitGroup.objects.filter(owner=owner, name=name).exists():
        return
    group_create(name=name, owner=owner, rule=rule, aliases=list(aliases), members=list(members))


def load(stdout) -> None:
    ensure_reference_data()
    city = _unit("江门市人民政府", UnitKind.GOVERNMENT, None, "市政府", ["江门市政府"], GovernmentLevel.CITY, "江门市",
                 order=1, serial=1)
    for order, (name, short, aliases) in enumerate(CITY_DEPARTMENTS, start=1):
        _unit(name, UnitKind.DEPARTMENT, city, short, aliases, order=order, serial=100 + order)
    for order, (name, short, aliases) in enumerate(CITY_OTHER, start=1):
        _unit(name, UnitKind.OTHER, city, short, aliases, order=200 + order, serial=300 + order)
    districts = []
    for order, (name, region) in enumerate(DISTRICTS, start=1):
        short = f"{region}政府"
        districts.append(_unit(name, UnitKind.GOVERNMENT, city, short, [f"{region}人民政府"], GovernmentLevel.COUNTY,
                               region, order=300 + order, serial=400 + order, region_code=f"44070{order}"))
    pengjiang = districts[0]
    for order, (name, short, aliases) in enumerate(PENGJIANG_DEPARTMENTS, start=1):
        _unit(name, UnitKind.DEPARTMENT, pengjiang, short, aliases, order=order, serial=500 + order, region_code="440703")
    civil = Unit.objects.get(name="江门市蓬江区民政局")
    for order, (name, short, aliases) in enumerate(CIVIL_AFFAIRS_OFFICES, start=1):
        _unit(name, UnitKind.OFFICE, civil, short, aliases, order=order)
    for order, (name, region) in enumerate(PENGJIANG_TOWNS, start=1):
        _unit(name, UnitKind.GOVERNMENT, pengjiang, region, [], GovernmentLevel.TOWNSHIP, region, order=100 + order,
              serial=600 + order, region_code="440703")

    _group("市直各部门", city, GroupRule.DEPARTMENTS, ["市直各单位", "市各部门"])
    _group("市直有关部门", city, GroupRule.DEPARTMENTS, ["市直相关部门", "市有关部门", "市直有关单位"])
    _group("市有关单位", city, GroupRule.ALL_UNITS, ["市直其他单位"])
    _group("各市（区）政府", city, GroupRule.SUBGOVERNMENTS, ["各市（区）人民政府", "各县（市、区）政府"])
    _group("区政府各部门", pengjiang, GroupRule.DEPARTMENTS, ["区直各部门", "区直有关部门"])
    _group("各镇（街道）", pengjiang, GroupRule.SUBGOVERNMENTS, ["各镇人民政府、街道办事处", "各镇街"])
    _group("各股室", civil, GroupRule.OFFICES, ["各科室", "局各股室"])

    for username, full_name, unit_short, roles, title in DEMO_USERS:
        unit = Unit.objects.get(short_name=unit_short)
        user = User.objects.filter(username=username).first()
        if user is None:
            user_create(username=username, password=DEMO_PASSWORD, unit=unit, roles=list(roles), full_name=full_name,
                        title=title, email=f"{username}@demo.gongkai.local")
        else:
            user_set_roles(user=user, roles=list(roles))
    stdout.write(f"组织机构：{Unit.objects.count()}个单位，{UnitGroup.objects.count()}个单位组，{User.objects.count()}个账号")
