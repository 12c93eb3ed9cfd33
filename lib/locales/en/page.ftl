## Case status page
page-title = Case progress · { $ref }
page-heading = Case progress
page-kind = Kind
page-status = Status
page-next = Next
page-received = Received
page-unit = Responsible unit
page-timeline = History
page-authoritative = This page is bilingual; the Chinese text is authoritative.
page-portal = Hainan Free Trade Port International Service Portal
page-not-found = Not found.
page-switch = 中文
page-supervision = Supervision
page-obligations = What is owed
