import { Content, Header, Page } from '@backstage/core-components';
import {
  HomePageStarredEntities,
  HomePageRecentlyVisited,
} from '@backstage/plugin-home';
import { HomePageSearchBar } from '@backstage/plugin-search';
import { Grid } from '@material-ui/core';
import {
  IncidentsTable,
  MyFollowUpsCard,
  MyOnCallCard,
} from '@firebreak/backstage-plugin';

/** The portal's landing page: search, my on-call, my follow-ups, starred and recent entities, the latest incidents. */
export const HomePage = () => (
  <Page themeId="home">
    <Header title="Welcome to the Northwind portal" />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <HomePageSearchBar placeholder="Search services, APIs, teams" />
        </Grid>
        <Grid item xs={12} md={4}>
          <MyOnCallCard />
        </Grid>
        <Grid item xs={12} md={4}>
          <HomePageStarredEntities />
        </Grid>
        <Grid item xs={12} md={4}>
          <HomePageRecentlyVisited />
        </Grid>
        <Grid item xs={12}>
          <MyFollowUpsCard />
        </Grid>
        <Grid item xs={12}>
          <IncidentsTable title="Latest incidents" />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
