"""The message catalogue of problems, one table per language (``en``, ``zh``).

A problem carries a stable code and its parameters; its text is rendered here in the
organisation's language. Every code has an entry in both tables (a test checks it);
``docs`` lists the codes for the documentation.
"""

from __future__ import annotations

import unicodedata

PROBLEMS: dict[str, dict[str, str]] = {
    "en": {
        # loading
        "not-utf8": "the file is not UTF-8 text (byte {byte}); save it as UTF-8",
        "byte-order-mark": "the file starts with a byte-order mark; save it as UTF-8 without BOM",
        "crlf": "Windows line ends (CRLF); use LF line ends",
        "tab": "tab character; indent and separate with spaces",
        "file-too-large": "the file has {size} bytes, over the limit of {limit}; records are small",
        "empty-file": "the file is empty",
        "yaml-alias": "alias *{name}: records are plain data, write the value out",
        "yaml-anchor": "anchor &{name}: records are plain data, anchors are not allowed",
        "yaml-tag": "tag {tag}: records are plain data, tags are not allowed",
        "yaml-merge": "merge key <<: records are plain data, write the keys out",
        "too-deep": "nested deeper than {limit} levels",
        "too-many-values": "more than {limit} keys and values in one file; records are small",
        "control-character": "invisible character {character} (a control character or a line separator YAML reads as a line break); remove it",
        "yaml-syntax": "YAML syntax error: {detail}",
        "key-not-text": "a key must be plain text",
        "duplicate-key": "duplicate key `{key}` (first on line {first})",
        "unreadable": "cannot read the file: {detail}",
        "symlink-record": "a record file or folder cannot be a symbolic link",
        # reading values
        "yaml-surprise": "unquoted `{text}` is read as a {meaning} in YAML 1.1; quote it or write what you mean",
        "invalid-date": "`{text}` is not a real date",
        "expected-text": "expected text, found {found}",
        "empty-text": "text must not be empty",
        "expected-id": "expected an id, found {found}",
        "bad-id": "`{id}` is not a valid id (lowercase letters, digits and hyphens: {pattern})",
        "bad-choice": "`{value}` is not one of: {choices}",
        "bad-handle": "`{handle}` is not a GitHub user name (or org/team)",
        "expected-date": "expected a date YYYY-MM-DD, found {found}",
        "expected-month": "expected a month YYYY-MM, found `{found}`",
        "expected-number": "expected a number, found {found}",
        "too-many-decimals": "{value} has more than {places} decimals",
        "out-of-range": "{value} is out of range (must be {bound})",
        "expected-integer": "expected a whole number, found {found}",
        "expected-scalar": "expected a single value, found {found}",
        "expected-boolean": "expected true or false, found {found}",
        "expected-list": "expected a list, found {found}",
        "too-few-items": "at least {minimum} item(s) needed",
        "duplicate-item": "`{item}` is listed twice",
        "expected-mapping": "expected a mapping of keys to values, found {found}",
        "unknown-key": "unknown key `{key}`",
        "missing-key": "required key `{key}` is missing",
        "bad-range": "a range is written [low, high] with low <= high",
        "versions-order": "versions must be listed oldest first, each `from` later than the one before",
        "no-records": "no records folder at {path}",
        "unexpected-file": "this file is not part of the records layout (see DESIGN §2)",
        "bad-file-name": "bad file name: expected {expected}",
        # organisation
        "missing-file": "required file is missing",
        "duplicate-id": "{what} id `{id}` is used twice",
        "bad-period": "the period ends ({end}) before it starts ({start})",
        "unknown-person": "`{person}` is not a person in org.yaml",
        "head-without-role": "`{person}` heads a department but has no role `head`",
        "weights-sum": "{what} weights sum to {total}, must be {expected}",
        "grades-order": "grade `{grade}`: grades run highest first, each `min` below the one before",
        "grades-lowest": "the lowest grade `{grade}` must have min: 0",
        "versions-start": "the first version starts at {start}, after the first month folder {first}",
        "public-sum": "public indicator maxima sum to {total}, but weights.public is {expected} (in {month})",
        "unknown-department": "`{department}` is not a department (of {month})",
        "streak-ranged": "error-free rule `{rule}` must have fixed points",
        "key-mismatch": "`{key}` does not agree with the file name `{stem}`",
        "contract-id-clash": "contract id `{contract}` is also a department id",
        "repository-url": "`{url}` is not an http(s) address of the repository",
        # months
        "published-date": "status `{status}` needs the `published` date",
        "closed-date": "status `closed` needs the `closed` date",
        "published-too-early": "a `published` date with status `{status}`",
        "closed-too-early": "a `closed` date with status `{status}`",
        "date-before-month": "{date} is before the month {month} itself",
        "date-order": "`{later}` is earlier than `{earlier}`",
        "bad-overseer": "overseer `{person}` is not a leader or head of that month",
        "absent-not-leader": "`{person}` is not a leader this month and cannot be absent",
        "all-absent": "every leader is absent: the month cannot be published",
        # targets and assessments
        "bad-assessor": "`{person}` has neither role office nor inspector",
        "unknown-item": "`{item}` is not an item of the targets",
        "unknown-indicator": "`{item}` is not a public indicator",
        "score-above-weight": "score {score} of `{item}` is above its weight {maximum}",
        "score-above-max": "score {score} of `{item}` is above its max {maximum}",
        "reason-required": "score {score} of `{item}` is below full marks ({maximum}): give a reason",
        "unscored-item": "target item `{item}` is not scored",
        "unscored-indicator": "public indicator `{item}` is not scored",
        "assessment-without-targets": "an assessment of `{department}` without its targets file",
        # inspections
        "date-outside-month": "{date} is not in the month {month}",
        "inspection-date": "date {date} differs from the file name's date {name}",
        "inspector-count": "{count} inspectors: an inspection is done by 2 or 3 people",
        "bad-inspector": "`{person}` has neither role office nor inspector",
        "no-inspector": "at least one member of the team must have role inspector",
        "unknown-kind": "kind `{kind}` is not a responsibility boundary in indicators.yaml",
        "unrouted-finding": "finding `{finding}` has no department and no kind that routes it",
        "route-conflict": "department `{department}` contradicts kind `{kind}`, which routes to `{routed}`",
        "target-and-deduction": "finding `{finding}` names a target and deducts directly: choose one",
        "outside-with-target": "finding `{finding}` is outside the indicators but names a target",
        "outside-needs-deduction": "finding `{finding}` is outside the indicators: it needs a deduction > 0",
        "unknown-target": "`{target}` is not a target item of `{department}` this month",
        "deduction-without-evidence": "finding `{finding}` deducts points without photo evidence",
        "evidence-path": "evidence `{name}` must be a plain path inside the month's evidence/ folder",
        "missing-evidence": "evidence `{name}` is not in {folder}",
        "evidence-outside": "evidence `{name}` links to a file outside the records",
        "evidence-type": "`{name}`: evidence must be a photo or PDF ({allowed})",
        "evidence-content": "`{name}` is not the {expected} file its name claims",
        "evidence-too-large": "`{name}` has {size} bytes, over the evidence limit of {limit}",
        # ratings and completeness
        "not-a-leader": "`{person}` is not a leader in {month}",
        "absent-but-rated": "`{person}` is listed absent but has rated",
        "unrated-department": "department `{department}` is not rated",
        "missing-record": "missing: required from status `{status}` on (for `{who}`)",
        "not-assessed": "contract `{contract}` is not assessed (no `assessed` date), required from `{status}` on",
        # bonuses
        "reason-required-rejected": "claim `{claim}` is rejected: give a reason",
        "pending-claim": "claim `{claim}` is still pending in a `{status}` month",
        "unknown-rule": "`{rule}` is not a rule in bonus-rules.yaml",
        "claim-points-missing": "claim `{claim}` on ranged rule `{rule}` must state its points",
        "claim-points-differ": "claim `{claim}` states {points} points but rule gives {rule_points}",
        "invalid-claim": "approved claim `{claim}` is not valid: {reason}",
        # appeals
        "appeal-party": "an appeal names exactly one of `department` or `contract`",
        "unknown-contract": "`{contract}` is not a contract in services/",
        "unknown-subject": "subject `{subject}` is not a record file",
        "subject-month": "subject `{subject}` is not a record of {month}",
        "unknown-subject-item": "`#{item}` is not an item of {subject}",
        "appeal-year": "the file name's year {year} differs from the year filed ({filed})",
        "unknown-month": "there is no month folder {month}",
        "appeal-unpublished": "month {month} is not published: nothing to appeal yet",
        "appeal-out-of-time": "filed {filed}, not within {window} days after publication on {published}",
        "pending-decided": "a pending appeal has no `decided` date",
        "decided-required": "status `{status}` needs the `decided` date",
        "decision-required": "status `{status}` needs the `decision` text",
        # services
        "checklist-sum": "checklist maxima sum to {total}, must be 100",
        "payment-bands-order": "payment bands run highest `min` first",
        "payment-share-rises": "a lower band cannot pay a higher share",
        "payment-bands-lowest": "the last payment band must have min: 0",
        "outside-contract": "contract `{contract}` runs {start}..{end}, not this month",
        "assessor-required": "`assessed` needs the `assessor` who signs it off",
        "points-above-max": "{points} points on `{item}` exceed its max {maximum}",
        "rectify-by-required": "provider-level check `{check}` needs `rectify_by`",
        "points-without-evidence": "check `{check}` takes points without photo evidence",
        "check-by-provider": "provider-level check `{check}` has no `by`",
        "check-by-required": "{level}-level check `{check}` needs `by`",
        "check-by-office": "office-level check `{check}` needs an office member or inspector in `by`",
        # the closed-month lock
        "closed-month-changed": "{month} is closed: this change needs an upheld or partly-upheld appeal for {month} in the same change (add or update appeals/YYYY-NNN.yaml with `month: {month}`)",
        "status-backwards": "the status of {month} moves backwards ({before} -> {after})",
        "contract-terms-changed": "contract `{contract}` covers the closed month {month}: its terms cannot change (make a new contract; only `to` may be shortened)",
        "seal-hash": "the seal of {month} is not the hash of its previous, inputs and figures",
        "seal-figures": "the figures of {month} no longer match its seal: {moved} (an amendment needs an upheld appeal and `kaoping seal {month} --write`)",
        "seal-chain": "`previous` of {month} no longer equals the seal of the month before: reseal {month}",
        "closed-figures-moved": "this change moves figures of the closed month {month}: it needs an upheld or partly-upheld appeal for {month} in the same change",
    },
    "zh": {
        "not-utf8": "文件不是 UTF-8 文本(字节 {byte}),请以 UTF-8 保存",
        "byte-order-mark": "文件以字节顺序标记(BOM)开头,请以无 BOM 的 UTF-8 保存",
        "crlf": "Windows 换行符(CRLF),请使用 LF 换行",
        "tab": "制表符(Tab),请用空格缩进和分隔",
        "file-too-large": "文件有 {size} 字节,超过上限 {limit}",
        "empty-file": "文件为空",
        "yaml-alias": "别名 *{name}:记录只能是纯数据,请直接写出值",
        "yaml-anchor": "锚点 &{name}:记录只能是纯数据,不允许锚点",
        "yaml-tag": "标签 {tag}:记录只能是纯数据,不允许标签",
        "yaml-merge": "合并键 <<:记录只能是纯数据,请直接写出各键",
        "too-deep": "嵌套超过 {limit} 层",
        "too-many-values": "一个文件中的键和值超过 {limit} 个;记录应当短小",
        "control-character": "不可见字符 {character}(控制字符或 YAML 视为换行的行分隔符),请删除",
        "yaml-syntax": "YAML 语法错误:{detail}",
        "key-not-text": "键必须是纯文本",
        "duplicate-key": "键 `{key}` 重复(首次出现在第 {first} 行)",
        "unreadable": "无法读取文件:{detail}",
        "symlink-record": "记录文件或目录不能是符号链接",
        "yaml-surprise": "未加引号的 `{text}` 在 YAML 1.1 中会被读作{meaning};请加引号或写明本意",
        "invalid-date": "`{text}` 不是真实存在的日期",
        "expected-text": "应为文本,实际为 {found}",
        "empty-text": "文本不能为空",
        "expected-id": "应为标识,实际为 {found}",
        "bad-id": "`{id}` 不是有效标识(小写字母、数字和连字符:{pattern})",
        "bad-choice": "`{value}` 不在可选值中:{choices}",
        "bad-handle": "`{handle}` 不是 GitHub 用户名(或 组织/团队)",
        "expected-date": "应为日期 YYYY-MM-DD,实际为 {found}",
        "expected-month": "应为月份 YYYY-MM,实际为 `{found}`",
        "expected-number": "应为数字,实际为 {found}",
        "too-many-decimals": "{value} 的小数超过 {places} 位",
        "out-of-range": "{value} 超出范围(应 {bound})",
        "expected-integer": "应为整数,实际为 {found}",
        "expected-scalar": "应为单个值,实际为 {found}",
        "expected-boolean": "应为 true 或 false,实际为 {found}",
        "expected-list": "应为列表,实际为 {found}",
        "too-few-items": "至少需要 {minimum} 项",
        "duplicate-item": "`{item}` 重复列出",
        "expected-mapping": "应为键值映射,实际为 {found}",
        "unknown-key": "未知的键 `{key}`",
        "missing-key": "缺少必填键 `{key}`",
        "bad-range": "范围应写作 [下限, 上限],且下限不大于上限",
        "versions-order": "版本须按时间先后列出,每个 `from` 晚于前一个",
        "no-records": "{path} 处没有记录目录",
        "unexpected-file": "此文件不属于记录目录结构(见设计文档 §2)",
        "bad-file-name": "文件名有误:应为 {expected}",
        "missing-file": "缺少必需的文件",
        "duplicate-id": "{what} 标识 `{id}` 重复使用",
        "bad-period": "期间的结束({end})早于开始({start})",
        "unknown-person": "`{person}` 不是 org.yaml 中的人员",
        "head-without-role": "`{person}` 是部门负责人,但没有 `head` 角色",
        "weights-sum": "{what} 权重合计 {total},应为 {expected}",
        "grades-order": "等次 `{grade}`:等次须从高到低排列,`min` 逐级降低",
        "grades-lowest": "最低等次 `{grade}` 的 min 必须为 0",
        "versions-start": "第一个版本从 {start} 开始,晚于第一个月份目录 {first}",
        "public-sum": "公共指标分值合计 {total},但 weights.public 为 {expected}({month})",
        "unknown-department": "`{department}` 不是({month})存在的部门",
        "streak-ranged": "无差错规则 `{rule}` 必须是固定分值",
        "key-mismatch": "`{key}` 与文件名 `{stem}` 不一致",
        "contract-id-clash": "合同标识 `{contract}` 与部门标识相同",
        "repository-url": "`{url}` 不是仓库的 http(s) 地址",
        "published-date": "状态 `{status}` 需要 `published`(公布日期)",
        "closed-date": "状态 `closed` 需要 `closed`(关闭日期)",
        "published-too-early": "状态为 `{status}` 时不应有 `published` 日期",
        "closed-too-early": "状态为 `{status}` 时不应有 `closed` 日期",
        "date-before-month": "{date} 早于所属月份 {month}",
        "date-order": "`{later}` 早于 `{earlier}`",
        "bad-overseer": "监督人 `{person}` 不是当月的局领导或部门负责人",
        "absent-not-leader": "`{person}` 不是当月的局领导,不能列为缺席",
        "all-absent": "全部局领导缺席:该月不能公布",
        "bad-assessor": "`{person}` 既不是绩效办人员也不是监察员",
        "unknown-item": "`{item}` 不是该部门指标中的事项",
        "unknown-indicator": "`{item}` 不是公共指标",
        "score-above-weight": "`{item}` 得分 {score} 高于其权重 {maximum}",
        "score-above-max": "`{item}` 得分 {score} 高于其满分 {maximum}",
        "reason-required": "`{item}` 得分 {score} 低于满分({maximum}),须写明扣分原因",
        "unscored-item": "指标事项 `{item}` 未评分",
        "unscored-indicator": "公共指标 `{item}` 未评分",
        "assessment-without-targets": "`{department}` 有考核记录却没有指标文件",
        "date-outside-month": "{date} 不在 {month} 月内",
        "inspection-date": "日期 {date} 与文件名中的日期 {name} 不一致",
        "inspector-count": "{count} 名检查人员:察访核验应由 2 至 3 人进行",
        "bad-inspector": "`{person}` 既不是绩效办人员也不是监察员",
        "no-inspector": "检查组中至少要有一名监察员",
        "unknown-kind": "类别 `{kind}` 不是 indicators.yaml 中的职责边界",
        "unrouted-finding": "问题 `{finding}` 既没有责任部门,也没有可确定部门的类别",
        "route-conflict": "责任部门 `{department}` 与类别 `{kind}` 的职责边界(`{routed}`)矛盾",
        "target-and-deduction": "问题 `{finding}` 既关联指标又直接扣分:只能选其一",
        "outside-with-target": "指标外问题 `{finding}` 不能关联指标",
        "outside-needs-deduction": "指标外问题 `{finding}` 须有大于 0 的扣分",
        "unknown-target": "`{target}` 不是 `{department}` 本月的指标事项",
        "deduction-without-evidence": "问题 `{finding}` 扣分但没有照片留证",
        "evidence-path": "证据 `{name}` 必须是本月 evidence/ 目录内的普通路径",
        "missing-evidence": "证据 `{name}` 不在 {folder} 中",
        "evidence-outside": "证据 `{name}` 链接到记录目录之外的文件",
        "evidence-type": "`{name}`:证据须为照片或 PDF({allowed})",
        "evidence-content": "`{name}` 的内容不是其文件名所示的 {expected} 文件",
        "evidence-too-large": "`{name}` 有 {size} 字节,超过证据上限 {limit}",
        "not-a-leader": "`{person}` 在 {month} 不是局领导",
        "absent-but-rated": "`{person}` 列为缺席却提交了评价",
        "unrated-department": "部门 `{department}` 未被评价",
        "missing-record": "缺少记录:状态 `{status}` 起必须具备(`{who}`)",
        "not-assessed": "合同 `{contract}` 未完成考评(没有 `assessed` 日期),状态 `{status}` 起必须具备",
        "reason-required-rejected": "加分申请 `{claim}` 被驳回,须写明理由",
        "pending-claim": "加分申请 `{claim}` 在 `{status}` 月份仍为待定",
        "unknown-rule": "`{rule}` 不是 bonus-rules.yaml 中的规则",
        "claim-points-missing": "区间规则 `{rule}` 的申请 `{claim}` 须写明分值",
        "claim-points-differ": "申请 `{claim}` 写明 {points} 分,但规则为 {rule_points} 分",
        "invalid-claim": "已批准的加分申请 `{claim}` 不成立:{reason}",
        "appeal-party": "申诉须且只能写明 `department` 或 `contract` 之一",
        "unknown-contract": "`{contract}` 不是 services/ 中的合同",
        "unknown-subject": "申诉对象 `{subject}` 不是记录文件",
        "subject-month": "申诉对象 `{subject}` 不是 {month} 的记录",
        "unknown-subject-item": "`#{item}` 不是 {subject} 中的事项",
        "appeal-year": "文件名中的年份 {year} 与提交日期({filed})的年份不同",
        "unknown-month": "没有 {month} 月份目录",
        "appeal-unpublished": "{month} 尚未公布,无可申诉",
        "appeal-out-of-time": "{filed} 提交,不在 {published} 公布后 {window} 天内",
        "pending-decided": "待处理的申诉不应有 `decided` 日期",
        "decided-required": "状态 `{status}` 需要 `decided`(决定日期)",
        "decision-required": "状态 `{status}` 需要 `decision`(处理意见)",
        "checklist-sum": "考评细则分值合计 {total},应为 100",
        "payment-bands-order": "付款档次须按 `min` 从高到低排列",
        "payment-share-rises": "较低档次的付款比例不能更高",
        "payment-bands-lowest": "最后一个付款档次的 min 必须为 0",
        "outside-contract": "合同 `{contract}` 期限为 {start} 至 {end},不含本月",
        "assessor-required": "有 `assessed` 时须写明签认的 `assessor`",
        "points-above-max": "`{item}` 扣 {points} 分,超过其满分 {maximum}",
        "rectify-by-required": "服务商自查 `{check}` 须写明 `rectify_by`",
        "points-without-evidence": "检查 `{check}` 扣分但没有照片留证",
        "check-by-provider": "服务商自查 `{check}` 不应有 `by`",
        "check-by-required": "{level} 级检查 `{check}` 须写明 `by`",
        "check-by-office": "绩效办抽查 `{check}` 的 `by` 中须有绩效办人员或监察员",
        "closed-month-changed": "{month} 已关闭:此修改须在同一变更中附带 {month} 的申诉(状态为 upheld 或 partly-upheld,新增或更新 appeals/YYYY-NNN.yaml,`month: {month}`)",
        "status-backwards": "{month} 的状态倒退({before} -> {after})",
        "contract-terms-changed": "合同 `{contract}` 覆盖已关闭的 {month}:条款不能修改(请另立新合同;只可缩短 `to`)",
        "seal-hash": "{month} 的封存值与其 previous、inputs、figures 的哈希不符",
        "seal-figures": "{month} 的结果与封存不再一致:{moved}(更正须有成立的申诉,并运行 `kaoping seal {month} --write`)",
        "seal-chain": "{month} 的 `previous` 与上月封存值不一致:请重新封存 {month}",
        "closed-figures-moved": "此修改会改变已关闭月份 {month} 的结果:须在同一变更中附带 {month} 的申诉(upheld 或 partly-upheld)",
    },
}

# Words that problems pass as parameters (what kind of thing, what YAML read), per language.
TERMS: dict[str, dict[str, str]] = {
    "zh": {
        "targets": "目标条目", "routine": "常规目标", "person": "人员", "department": "部门",
        "grade": "等次", "indicator": "公共指标", "boundary": "职责边界", "category": "加分类别",
        "rule": "加分规则", "item": "条目", "finding": "问题", "claim": "加分申报", "check": "检查",
        "checklist item": "考评细则条目", "boolean": "布尔值", "octal or prefixed number": "八进制数",
        "sexagesimal number": "六十进制数", "float": "浮点数", "timestamp": "时间戳",
        "mapping": "映射", "list": "列表", "null": "空值", "number": "数字", "date": "日期",
        "text": "文本", "provider": "服务商自查", "department-level": "主管部门检查",
        "office": "绩效办抽查",
    },
}  # fmt: skip
_TERM_PARAMS = ("what", "meaning", "found", "level")

HINTS = {
    "en": " (did you mean `{hint}`?)",
    "zh": "(是否应为 `{hint}`?did you mean `{hint}`?)",
}

CLAIM_REASONS: dict[str, dict[str, str]] = {
    "en": {
        "rule-unknown": "its rule does not exist",
        "outside-validity": "its rule does not apply in {month}",
        "points-missing": "a ranged rule's claim must state its points",
        "points-out-of-range": "its points lie outside the rule's range",
        "points-differ": "its points differ from the rule's",
        "streak-not-clean": "{month} is not a clean month (complete, full marks, no deduction)",
        "streak-month-used": "{month} already counts toward {used_by}",
    },
    "zh": {
        "rule-unknown": "所依据的规则不存在",
        "outside-validity": "规则在 {month} 不适用",
        "points-missing": "区间规则的申请须写明分值",
        "points-out-of-range": "分值超出规则的区间",
        "points-differ": "分值与规则不符",
        "streak-not-clean": "{month} 不是无扣分月份(记录完整、全部满分、无直接扣分)",
        "streak-month-used": "{month} 已计入 {used_by}",
    },
}


UI: dict[str, dict[str, str]] = {
    "en": {
        "lock-ok": "check-lock: no closed month is changed without an appeal",
        "no-change": "No figure of a published or closed month changes.",
        "validate-summary": "{errors} error(s), {warnings} warning(s) in {files} files",
        "seal-unsealed": "no seal.yaml stored for this month",
        "seal-matches": "the stored seal matches",
        "seal-inputs-changed": "inputs changed, figures unchanged",
        "seal-chain-changed": "figures unchanged; the chain (previous) changed: reseal to mend it",
        "seal-figures-changed": "figures changed: the stored seal no longer matches",
        "seal-written": "wrote {path}",
    },
    "zh": {
        "lock-ok": "check-lock:没有未附申诉而改动的已关闭月份",
        "no-change": "已公布和已关闭月份的结果均无变化。",
        "validate-summary": "{files} 个文件:{errors} 个错误,{warnings} 个警告",
        "seal-unsealed": "本月尚无 seal.yaml",
        "seal-matches": "封存值一致",
        "seal-inputs-changed": "inputs changed, figures unchanged(输入已变,结果未变)",
        "seal-chain-changed": "结果未变;链(previous)已变:请重新封存",
        "seal-figures-changed": "结果已变:封存值不再一致",
        "seal-written": "已写入 {path}",
    },
}


def ui_text(key: str, language: str = "en") -> str:
    """A line of the command line's own text in ``language``."""
    return UI.get(language, UI["en"]).get(key) or UI["en"][key]


# Characters that would not show as themselves on one line of a terminal or an annotation:
# controls (terminal escapes, line breaks), invisible format characters (bidirectional
# overrides), line and paragraph separators, lone surrogates.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_LONGEST_SHOWN = 1_000  # a record value quoted in a message; a message stays one line
_UNABRIDGED = ("moved",)  # the list of moved figures is the message's point


def visible(text: str) -> str:
    """``text`` with every hidden character written as its escape (``\\x1b``, ``\\u202e``)."""
    if text.isprintable():
        return text
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) in HIDDEN_CATEGORIES
        else character
        for character in text
    )


def _shown(key: str, value: str) -> str:
    if len(value) > _LONGEST_SHOWN and key not in _UNABRIDGED:
        value = value[:_LONGEST_SHOWN] + "…"
    return visible(value)


def problem_text(code: str, params: dict[str, str], language: str = "en") -> str:
    """The problem's message in ``language`` (English when the language lacks it).

    Values quoted from records are shown visibly and abridged, so a record can never put
    a terminal escape, a second line or a forged annotation into the output.
    """
    table = PROBLEMS.get(language, PROBLEMS["en"])
    terms = TERMS.get(language, {})
    params = {k: _shown(k, v) for k, v in params.items()}
    params = {k: terms.get(v, v) if k in _TERM_PARAMS else v for k, v in params.items()}
    template = table.get(code) or PROBLEMS["en"].get(code) or code
    if code == "invalid-claim" and "reason" in params:
        reasons = CLAIM_REASONS.get(language, {})
        reason = reasons.get(params["reason"], params["reason"])
        params = {**params, "reason": reason.format(**params) if "{" in reason else reason}
    try:
        text = template.format(**params)
    except (KeyError, IndexError, ValueError):
        text = f"{template} {params}"
    if params.get("hint"):
        text += HINTS.get(language, HINTS["en"]).format(hint=params["hint"])
    return text


def problems_markdown() -> str:
    """docs/problems.md: every problem code with its message in each language."""
    lines = [
        "# Problem codes",
        "",
        "Every problem `kaoping validate` (and `check-lock`) reports has a stable code. The",
        "message is shown in the organisation's language; placeholders are in braces.",
        "",
        "| code | message (en) | message (zh) |",
        "|---|---|---|",
    ]
    for code, english in PROBLEMS["en"].items():
        cells = [f"`{code}`", english, PROBLEMS["zh"][code]]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
