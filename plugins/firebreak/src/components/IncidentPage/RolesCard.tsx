import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  COMMANDER_ROLE,
  Incident,
  IncidentRoleDefinition,
} from '@firebreak/backstage-plugin-common';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ClearIcon from '@material-ui/icons/Clear';
import CloseIcon from '@material-ui/icons/Close';
import EditIcon from '@material-ui/icons/Edit';
import PersonAddIcon from '@material-ui/icons/PersonAdd';
import { useState } from 'react';
import { UserPicker } from '../CatalogEntityPicker';
import { READ_ONLY_REASON } from './participation';

const useStyles = makeStyles(theme => ({
  row: { alignItems: 'flex-start', gap: theme.spacing(1) },
  holder: { flex: 1, minWidth: 0 },
  actions: { display: 'flex', flexShrink: 0, marginTop: theme.spacing(0.5) },
}));

/**
 * Who does what in an incident's response: every configured role, who holds it, the
 * responders who joined, and for
 * people who may change the incident, assigning, reassigning and clearing. The commander can
 * be handed over but never left empty.
 *
 * @internal
 */
export function RolesCard(props: {
  incident: Incident;
  roles: IncidentRoleDefinition[];
  canUpdate: boolean;
  onChange: (roles: Record<string, string | null>) => void;
}) {
  const { incident, canUpdate } = props;
  const classes = useStyles();
  const [editing, setEditing] = useState<string>();
  // Roles the configuration no longer lists still show while someone holds them.
  const roles = [
    ...props.roles,
    ...Object.keys(incident.roles)
      .filter(id => !props.roles.some(r => r.id === id))
      .map(id => ({ id, name: id, description: '' })),
  ];

  return (
    <InfoCard title="Roles">
      <List dense disablePadding>
        {roles.map(role => {
          const holder = incident.roles[role.id];
          if (editing === role.id) {
            return (
              <ListItem key={role.id} disableGutters className={classes.row}>
                <div className={classes.holder}>
                  <UserPicker
                    id={`firebreak-role-${role.id}`}
                    label={role.name}
                    helperText={role.description}
                    value={holder}
                    takeFocus
                    onChange={userRef => {
                      setEditing(undefined);
                      if (userRef !== holder) {
                        props.onChange({ [role.id]: userRef });
                      }
                    }}
                  />
                </div>
                <div className={classes.actions}>
                  <Tooltip title="Cancel">
                    <IconButton
                      size="small"
                      aria-label={`Cancel changing ${role.name}`}
                      onClick={() => setEditing(undefined)}
                    >
                      <CloseIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </div>
              </ListItem>
            );
          }
          const change = holder ? `Change ${role.name}` : `Assign ${role.name}`;
          return (
            <ListItem key={role.id} disableGutters className={classes.row}>
              <ListItemText
                className={classes.holder}
                primary={
                  <Tooltip title={role.description}>
                    <span>{role.name}</span>
                  </Tooltip>
                }
                secondary={
                  holder ? (
                    <EntityRefLink entityRef={holder} defaultKind="user" />
                  ) : (
                    'Unassigned'
                  )
                }
              />
              {canUpdate && (
                <div className={classes.actions}>
                  <Tooltip title={change}>
                    <IconButton
                      size="small"
                      aria-label={change}
                      onClick={() => setEditing(role.id)}
                    >
                      {holder ? (
                        <EditIcon fontSize="small" />
                      ) : (
                        <PersonAddIcon fontSize="small" />
                      )}
                    </IconButton>
                  </Tooltip>
                  {holder && role.id !== COMMANDER_ROLE && (
                    <Tooltip title={`Clear ${role.name}`}>
                      <IconButton
                        size="small"
                        aria-label={`Clear ${role.name}`}
                        onClick={() => props.onChange({ [role.id]: null })}
                      >
                        <ClearIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )}
                </div>
              )}
            </ListItem>
          );
        })}
        <ListItem disableGutters className={classes.row}>
          <ListItemText
            className={classes.holder}
            primary="Responders"
            secondary={
              incident.responders.length === 0
                ? 'Nobody has joined yet'
                : incident.responders.map((ref, index) => (
                    <span key={ref}>
                      {index > 0 && ', '}
                      <EntityRefLink entityRef={ref} defaultKind="user" />
                    </span>
                  ))
            }
          />
        </ListItem>
      </List>
      {!canUpdate && (
        <Typography variant="body2" color="textSecondary">
          {READ_ONLY_REASON}
        </Typography>
      )}
    </InfoCard>
  );
}
