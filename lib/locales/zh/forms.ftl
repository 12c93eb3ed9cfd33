## 表单通用
button-back = ◀ 上一步
button-skip = 跳过
button-cancel = ✖ 取消
button-submit = ✔ 提交
form-hint = 随时发送 /cancel 可取消。
form-optional-hint = （选填，可点“跳过”）
form-invalid = ⚠️ “{ $field }”填写有误：{ $rule }。请重新输入。
form-cancelled = 已取消，未保存任何内容。
form-expired = 您未完成的填写已超过 24 小时，已自动作废。请重新开始。
form-nothing-to-cancel = 当前没有进行中的填写。
form-review-title = 请核对以下信息，确认无误后点“提交”：
form-review-line = <b>{ $label }</b>：{ $value }
form-review-empty = （无）
form-review-shortened = <i>较长的内容在此处已截短显示，提交后将完整保存。</i>

## 校验规则
rule-required = 不能为空
rule-control-characters = 不能包含控制字符
rule-single-line = 只能填写一行
rule-too-short = 至少需要 { $min } 个字
rule-too-long = 最多 { $max } 个字（当前 { $length } 个）
rule-pick-an-option = 请点击下方按钮选择
rule-phone = 应为中国大陆手机号（如 13800138000）、座机（如 0898-66668888）或国际号码（如 +85212345678）
rule-preferred-time = 请写明日期，如 2026-03-02 上午
rule-uscc-empty = 请填写 18 位统一社会信用代码
rule-uscc-length = 统一社会信用代码应为 18 位（当前 { $length } 位）
rule-uscc-illegal_character = 第 { $position } 位“{ $character }”不是合法字符（不使用 I、O、S、V、Z）
rule-uscc-check_digit = 校验位（第 18 位）不正确，应为“{ $expected }”，请核对
rule-uscc-division = 第 3–8 位应为行政区划代码（数字）
rule-firm-name = 中文名称和英文名称至少填写一项
