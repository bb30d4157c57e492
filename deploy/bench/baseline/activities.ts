/** The one activity of the one-activity baseline workflow: returns at once, so only Temporal's cost is measured. */
export interface BaselineActivities {
  echo(input: string): Promise<string>;
}

export const baselineActivities: BaselineActivities = {
  echo: async (input) => input,
};
