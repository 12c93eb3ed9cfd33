## 跨语言的机器翻译（原文始终保留在上方）
machine-translation =
    <i>机器翻译（仅供参考，以原文为准）：</i>
    { $text }
machine-translation-unavailable = <i>（机器翻译暂不可用，以上为原文。）</i>
