import { RpcException } from '@seatkeeper/platform-messaging';

/** Stable codes of reporting's refusals; `*_INVALID` reach clients as 400, `*_NOT_FOUND` as 404. */
export const ReportingErrorCode = {
  ColumnInvalid: 'COLUMN_INVALID',
  RuleInvalid: 'RULE_INVALID',
  SortInvalid: 'SORT_INVALID',
  CursorInvalid: 'CURSOR_INVALID',
  WidgetInvalid: 'WIDGET_INVALID',
  ScheduleInvalid: 'SCHEDULE_INVALID',
  ViewNotFound: 'VIEW_NOT_FOUND',
  DashboardNotFound: 'DASHBOARD_NOT_FOUND',
  WidgetNotFound: 'WIDGET_NOT_FOUND',
  ReportNotFound: 'REPORT_NOT_FOUND',
  ShareLinkNotFound: 'SHARE_LINK_NOT_FOUND',
  ScheduleNotFound: 'SCHEDULE_NOT_FOUND',
  /** Tampered, malformed or unknown: the same answer, so a guess learns nothing. */
  ShareLinkInvalid: 'SHARE_LINK_INVALID',
  ShareLinkExpired: 'SHARE_LINK_EXPIRED',
  ShareLinkRevoked: 'SHARE_LINK_REVOKED',
  DefaultReadOnly: 'DEFAULT_VIEW_CONFLICT',
} as const;

export interface FieldProblem {
  field: string;
  messages: string[];
}

export class ReportingException extends RpcException {
  constructor(code: (typeof ReportingErrorCode)[keyof typeof ReportingErrorCode], message: string, problems?: FieldProblem[]) {
    super(code, message, problems);
  }
}
