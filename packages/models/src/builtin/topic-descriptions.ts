// Topic descriptions for the zero-shot topic model: each topic is the normalized mean of its keywords'
// word vectors; an item's topic scores are the cosine similarities of its embedding to these centroids.
// 30–60 common, unambiguous words per topic (words missing from the vocabulary are skipped at build time).
export const TOPIC_DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  technology: [
    'technology', 'software', 'computer', 'computers', 'internet', 'digital', 'app', 'apps', 'smartphone', 'google', 'apple',
    'microsoft', 'data', 'online', 'web', 'code', 'programming', 'developer', 'developers', 'chip', 'chips', 'processor',
    'hardware', 'cloud', 'server', 'cybersecurity', 'hackers', 'encryption', 'algorithm', 'startup', 'silicon', 'browser',
    'database', 'linux', 'robot', 'robots', 'automation', 'gadget', 'wireless', 'network', 'device', 'devices', 'tech',
    'programmers', 'open-source', 'platform', 'user', 'users', 'laptop', 'semiconductor',
  ],
  science: [
    'science', 'scientists', 'research', 'researchers', 'study', 'physics', 'chemistry', 'biology', 'experiment',
    'laboratory', 'discovery', 'theory', 'astronomy', 'nasa', 'space', 'planet', 'planets', 'telescope', 'galaxy', 'universe',
    'molecule', 'molecules', 'atoms', 'particle', 'quantum', 'genome', 'dna', 'evolution', 'species', 'fossil', 'fossils',
    'geology', 'mathematics', 'hypothesis', 'journal', 'scientific', 'cells', 'protein', 'neuroscience', 'physicist',
    'biologist', 'chemist', 'orbit', 'spacecraft', 'mars',
  ],
  politics: [
    'politics', 'political', 'government', 'election', 'elections', 'vote', 'voters', 'voting', 'parliament', 'congress',
    'senate', 'senator', 'president', 'minister', 'prime', 'party', 'parties', 'democrats', 'republicans', 'campaign',
    'candidate', 'candidates', 'legislation', 'law', 'bill', 'policy', 'policies', 'opposition', 'coalition', 'ballot',
    'lawmakers', 'governor', 'cabinet', 'referendum', 'democracy', 'constitution', 'politicians', 'conservative', 'liberal',
    'electoral', 'legislature', 'mayor', 'administration', 'veto', 'impeachment',
  ],
  business: [
    'business', 'company', 'companies', 'market', 'markets', 'stock', 'stocks', 'shares', 'investors', 'profit', 'profits',
    'revenue', 'earnings', 'economy', 'economic', 'bank', 'banks', 'finance', 'financial', 'trade', 'sales', 'corporate',
    'ceo', 'executive', 'merger', 'acquisition', 'industry', 'billion', 'million', 'quarterly', 'investment', 'retail',
    'customers', 'prices', 'inflation', 'interest', 'dividend', 'wall', 'nasdaq', 'startup', 'entrepreneur', 'commerce',
    'exports', 'imports', 'manufacturing', 'firm', 'firms',
  ],
  health: [
    'health', 'medical', 'medicine', 'doctor', 'doctors', 'hospital', 'hospitals', 'patients', 'patient', 'disease',
    'diseases', 'cancer', 'treatment', 'drug', 'drugs', 'vaccine', 'vaccines', 'virus', 'infection', 'symptoms', 'clinical',
    'therapy', 'surgery', 'nurses', 'diabetes', 'obesity', 'diet', 'nutrition', 'fitness', 'mental', 'depression', 'illness',
    'healthcare', 'pandemic', 'epidemic', 'flu', 'heart', 'blood', 'pharmaceutical', 'prescription', 'physician', 'wellness',
    'exercise', 'sleep', 'pain',
  ],
  sports: [
    'sports', 'sport', 'game', 'games', 'team', 'teams', 'player', 'players', 'coach', 'season', 'league', 'championship',
    'tournament', 'match', 'football', 'soccer', 'basketball', 'baseball', 'hockey', 'tennis', 'golf', 'cricket', 'rugby',
    'olympic', 'olympics', 'athlete', 'athletes', 'score', 'scored', 'goal', 'goals', 'win', 'victory', 'defeat', 'playoffs',
    'stadium', 'fans', 'nba', 'nfl', 'fifa', 'medal', 'racing', 'quarterback', 'striker', 'inning', 'champion',
  ],
  entertainment: [
    'entertainment', 'movie', 'movies', 'film', 'films', 'actor', 'actress', 'actors', 'hollywood', 'music', 'song', 'songs',
    'album', 'band', 'singer', 'concert', 'television', 'tv', 'show', 'series', 'celebrity', 'celebrities', 'star', 'stars',
    'director', 'oscar', 'grammy', 'premiere', 'comedy', 'drama', 'theater', 'box', 'office', 'streaming', 'netflix',
    'episode', 'festival', 'pop', 'rapper', 'musician', 'fans', 'sitcom', 'documentary', 'soundtrack', 'broadway',
  ],
  world: [
    'world', 'international', 'foreign', 'country', 'countries', 'nation', 'nations', 'war', 'conflict', 'military', 'troops',
    'border', 'refugees', 'diplomatic', 'diplomats', 'embassy', 'united', 'treaty', 'sanctions', 'ceasefire', 'peace',
    'rebels', 'crisis', 'humanitarian', 'summit', 'allies', 'nato', 'europe', 'asia', 'africa', 'middle', 'east', 'china',
    'russia', 'iran', 'ukraine', 'israel', 'india', 'global', 'regime', 'invasion', 'attack', 'attacks', 'militants',
    'overseas', 'abroad',
  ],
  environment: [
    'environment', 'environmental', 'climate', 'warming', 'emissions', 'carbon', 'pollution', 'energy', 'renewable', 'solar',
    'wind', 'fossil', 'fuels', 'coal', 'oil', 'gas', 'greenhouse', 'conservation', 'wildlife', 'forest', 'forests',
    'deforestation', 'biodiversity', 'species', 'extinction', 'ocean', 'oceans', 'drought', 'floods', 'weather', 'recycling',
    'waste', 'plastic', 'sustainability', 'sustainable', 'ecosystem', 'ecosystems', 'water', 'glaciers', 'temperatures',
    'green', 'epa', 'nature', 'wildfires',
  ],
  education: [
    'education', 'school', 'schools', 'student', 'students', 'teacher', 'teachers', 'university', 'universities', 'college',
    'colleges', 'classroom', 'learning', 'curriculum', 'professor', 'professors', 'academic', 'degree', 'degrees', 'tuition',
    'graduate', 'graduates', 'exam', 'exams', 'teaching', 'campus', 'kindergarten', 'literacy', 'scholarship', 'scholarships',
    'lecture', 'semester', 'pupils', 'educational', 'homework', 'enrollment', 'principal', 'grades', 'textbooks', 'faculty',
    'undergraduate', 'diploma', 'educators', 'study',
  ],
};
