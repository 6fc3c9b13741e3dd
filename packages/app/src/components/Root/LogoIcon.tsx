import { makeStyles } from '@material-ui/core';
import WhatshotIcon from '@material-ui/icons/Whatshot';

const useStyles = makeStyles({
  icon: { color: '#ff7a45' },
});

/** The example portal's logo with the sidebar closed. */
const LogoIcon = () => {
  const classes = useStyles();
  return <WhatshotIcon fontSize="large" className={classes.icon} />;
};

export default LogoIcon;
