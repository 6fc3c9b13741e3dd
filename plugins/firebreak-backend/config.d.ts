export interface Config {
  /** Configuration of the Firebreak incident-management plugins. */
  firebreak?: {
    /**
     * Fill an empty Firebreak database with a believable incident history for the example
     * catalog on start. Meant for demos and local development; leave off in production.
     */
    demoData?: {
      enabled?: boolean;
    };
  };
}
