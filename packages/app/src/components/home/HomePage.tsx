import { Content, Header, Page } from '@backstage/core-components';
import {
  HomePageStarredEntities,
  HomePageRecentlyVisited,
} from '@backstage/plugin-home';
import { HomePageSearchBar } from '@backstage/plugin-search';
import { Grid } from '@material-ui/core';
import { IncidentsTable } from '@firebreak/backstage-plugin';

/** The portal's landing page: search, starred entities and the latest incidents. */
export const HomePage = () => (
  <Page themeId="home">
    <Header title="Welcome to the Northwind portal" />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <HomePageSearchBar placeholder="Search services, APIs, teams" />
        </Grid>
        <Grid item xs={12}>
          <IncidentsTable title="Latest incidents" />
        </Grid>
        <Grid item xs={12} md={6}>
          <HomePageStarredEntities />
        </Grid>
        <Grid item xs={12} md={6}>
          <HomePageRecentlyVisited />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
