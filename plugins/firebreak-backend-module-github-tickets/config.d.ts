export interface Config {
  firebreak?: {
    /**
     * Filing action items as GitHub issues (module
     * `@firebreak/backstage-plugin-backend-module-github-tickets`). Credentials come from
     * `integrations.github`.
     */
    githubTickets?: {
      /**
       * Labels put on every issue Firebreak creates. GitHub drops them silently when the
       * credentials lack push access to the repository. Default: `['firebreak']`.
       */
      labels?: string[];
    };
  };
}
