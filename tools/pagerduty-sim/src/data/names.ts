// Word lists for seeded accounts. Plain ASCII on purpose: names only need to look plausible, and
// ASCII keeps the fast serialiser's escaping trivial.

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ana', 'Arjun', 'Beatriz', 'Ben', 'Chen', 'Chloe', 'Dana', 'Daniel', 'Divya', 'Elena',
  'Emeka', 'Eva', 'Farah', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jia', 'Jonas', 'Kai',
  'Kenji', 'Lara', 'Leon', 'Lina', 'Luca', 'Maya', 'Mateo', 'Mei', 'Nadia', 'Nina', 'Noah', 'Olga', 'Omar',
  'Priya', 'Rafael', 'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq', 'Tomas', 'Uma', 'Victor', 'Wen', 'Yara', 'Zoe',
] as const;

export const LAST_NAMES = [
  'Abara', 'Andersen', 'Baker', 'Becker', 'Costa', 'Diaz', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Gupta',
  'Haddad', 'Hansen', 'Ito', 'Jansen', 'Kim', 'Kowalski', 'Larsen', 'Lopez', 'Martin', 'Moreau', 'Mueller',
  'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Perez', 'Quinn', 'Rossi', 'Santos', 'Schmidt',
  'Silva', 'Singh', 'Smith', 'Tanaka', 'Torres', 'Usman', 'Varga', 'Wagner', 'Wang', 'Weber', 'Xu', 'Yilmaz',
  'Zhang',
] as const;

export const JOB_TITLES = [
  'Software Engineer', 'Senior Software Engineer', 'Site Reliability Engineer', 'Engineering Manager',
  'Director of Engineering', 'Support Engineer', 'Product Manager', 'Incident Commander', 'DevOps Engineer',
  'Security Engineer', 'Data Engineer', 'QA Engineer', 'Customer Success Manager', 'VP Engineering', 'CTO',
  'Network Engineer', 'Database Administrator', 'Platform Engineer',
] as const;

export const TIME_ZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Lima',
  'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Warsaw',
  'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Hong_Kong', 'Asia/Singapore', 'Australia/Sydney', 'Africa/Lagos', 'Etc/UTC',
] as const;

export const COLORS = [
  'green', 'red', 'purple', 'teal', 'orange', 'brown', 'cayenne', 'forest-green', 'dark-slate-blue', 'navy',
  'chocolate', 'crimson', 'dark-goldenrod', 'goldenrod', 'turquoise', 'violet',
] as const;

export const TEAM_NAMES = [
  'Engineering', 'Platform', 'Payments', 'Mobile', 'Data', 'Security', 'Support', 'Infrastructure', 'Search',
  'Growth', 'Identity', 'Networking', 'Storage', 'Billing', 'Frontend', 'Observability',
] as const;

export const DESCRIPTIONS = ['On call for the core services', 'Team lead', 'Part-time responder', 'Escalation contact'] as const;
