## 专员停用后的移交（workers/hand-over-notices.ts）
handed-to-queue = 【{ $ref }】原负责专员（{ $from }）已停用，此{ $kind }转入营商环境建设部门待分派队列，请尽快指定负责专员：/case { $ref }
