import { makeStyles } from '@material-ui/core';
import WhatshotIcon from '@material-ui/icons/Whatshot';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 8,
    color: '#ff7a45',
    fontSize: 22,
    fontWeight: 700,
    letterSpacing: 0.5,
    whiteSpace: 'nowrap',
  },
  name: { color: '#fff' },
});

/** The example portal's logo with the sidebar open: a flame and the company name. */
const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <WhatshotIcon fontSize="large" />
      <span className={classes.name}>Northwind</span>
    </span>
  );
};

export default LogoFull;
