"""The commit messages, in the organisation's language (the example's is Chinese): one
catalogue, so that no message text is scattered through the timeline."""

from __future__ import annotations

TEXT = {
    # setting up the year (the month before the first)
    "setup": "建立{year}年度内部绩效考评档案：单位、人员、科室及考评规则",
    "setup.files": "公共指标及职责边界、加分规则",
    "site": "考评结果公开网站（MkDocs）",
    "routine": "{department}常规工作目标（“三定”职责）",
    "routine.owner": "{month}起{department}常规工作目标责任人随科长调整",
    "contract": "{name}考评细则（{provider}，{start}起）",
    # changes that take effect from a month on
    "change": "{month}起：{what}",
    "change.person": "{names}到任",
    "change.department": "新设{names}",
    "change.setting": "调整{names}",
    "change.other": "更新{names}",
    "setting.weights": "考评权重",
    "setting.leader_rating": "领导评价规则",
    "setting.grades": "等次标准",
    "setting.bonus": "加分上限",
    "setting.appeals": "申诉期限",
    "setting.rewards": "绩效奖励标准",
    "setting.public": "公共指标",
    "setting.boundaries": "职责边界",
    "resealed": "重新封存{months}（输入文件变动，结果未变）",
    "sealed": "封存：{seal}",
    # a month's course
    "open": "启动{month}考评",
    "open.overseers": "第三方监督：{names}",
    "open.services": "社会化服务检查表：{names}",
    "targets": "{department}报送{month}工作目标",
    "inspection": "{date}察访核验：{location}",
    "finding": "{id} {department}：{description}（{effect}）",
    "finding.deduction": "扣{points}分",
    "finding.target": "计入指标{target}",
    "finding.notice": "限期整改",
    "rectified": "{department}：{date}察访核验{ids}已整改",
    "check": "{contract}：{level}{ids}（{date}）",
    "check.rectified": "{contract}：服务商自查{ids}已整改",
    "signed": "{contract}{month}三级检查签核",
    "claims": "{department}申报{month}加分",
    "claims.decided": "审核{department}{month}加分申报：{decisions}",
    "assessing": "{month}考评进入指标考核",
    "assessing.meeting": "考评会：{date}",
    "assessment": "{department}{month}指标考核",
    "rating": "{leader}{month}领导评价（{date}考评会）",
    "absent": "{month}考评会：记录未参加评价的局领导",
    "publish": "公布{month}考评结果",
    "publish.absent": "未参加评价：{names}",
    "close": "{month}考评归档并封存结果",
    # appeals
    "appeal": "申诉{id}：{who}对{subject}提出申诉",
    "appeal.for": "{department}代{contract}",
    "appeal.grounds": "理由：{grounds}",
    "appeal.decided": "申诉{id}{status}：{decision}",
    "appeal.amended": "申诉{id}{status}，修改{subject}：{decision}",
    "appeal.record": "申诉：appeals/{id}.yaml（{decided}决定）",
    "appeal.changed": "修改：{paths}",
    "subject.assessments": "{month}{department}指标考核",
    "subject.bonuses": "{month}{department}加分申报",
    "subject.inspections": "{date}察访核验",
    "subject.services": "{month}{contract}检查",
    # who entered a record for whom
    "proxy": "{name}委托{clerk}录入",
    "list": "、",
}


def text(key: str, **params: object) -> str:
    return TEXT[key].format(**params)


def listed(items: list[str]) -> str:
    return TEXT["list"].join(items)
