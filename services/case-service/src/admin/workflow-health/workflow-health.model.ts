/** The health sweep's records: the workflows it found in trouble, and its last pass. */

/** A running workflow the health sweep found in trouble; the scan describes it again to say what and since when. */
export interface TroubledWorkflowRecord {
  workflowId: string;
  caseId: string | null;
  townCode: string | null;
  firstSeenAt: Date;
  checkedAt: Date;
}

/** The sweep's last whole pass, as the scan reads it to say whether its view of failures is complete. */
export interface SweepStatus {
  /** Null until a pass has described every running workflow of the scope. */
  lastPassFinishedAt: Date | null;
  lastPassChecked: number;
  /** Whether that pass described every running workflow (false: the cap cut the running list). */
  lastPassComplete: boolean;
}
