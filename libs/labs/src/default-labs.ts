import type { AmbiguousTerm, LabDefinition } from './lab-definition';

/**
 * Words that make an ambiguous name read as AI. Copied into every lab's `context` so each stored
 * definition is self-contained (an edit over REST can tune one lab without touching the others).
 * Lab names are deliberately absent: "ChatGPT wrote me a sonnet" must not make "Sonnet" a Claude model.
 */
const AI_CONTEXT: readonly string[] = [
  'ai', 'a.i.', 'artificial intelligence', 'genai', 'generative', 'agi', 'asi', 'superintelligence',
  'llm', 'llms', 'language model', 'language models', 'chatbot', 'chatbots', 'chat bot',
  'model', 'models', 'benchmark', 'benchmarks', 'leaderboard', 'evals', 'reasoning', 'inference',
  'prompt', 'prompts', 'prompting', 'fine-tune', 'fine-tuned', 'fine-tuning', 'finetune', 'finetuned',
  'open-source', 'open source', 'open-weight', 'open-weights', 'open weights', 'weights', 'tokens',
  'context window', 'multimodal', 'agent', 'agents', 'agentic', 'coding', 'coder', 'code', 'codebase', 'machine learning',
  'deep learning', 'neural', 'transformer', 'gpu', 'gpus', 'hallucinate', 'hallucinates',
  'hallucinated', 'hallucinating', 'hallucination', 'hallucinations', 'jailbreak', 'jailbroken',
  'hugging face', 'huggingface', 'lmarena', 'parameters', 'rag', 'api', 'vibe coding',
  'data center', 'data centers', 'datacenter', 'datacenters', 'compute', 'ai lab', 'ai labs',
];

/**
 * Words about a paid software service that make "claude", "gemini", "Llama" or "mistral" read as the
 * AI product ("claude pricing is a joke", "Llama update broke my setup"). Chosen on the AI-lab
 * corpus's train split by libs/nlp/scripts/ambiguous-evidence.ts: each came with the AI sense at
 * least 3 times, never with another sense, and in at most 1 post naming no lab. Vetoes still apply.
 */
const PRODUCT_EVIDENCE: readonly string[] = [
  'pricing', 'prices', 'subscription', 'subscriptions', 'free plan', 'free tier', 'tier', 'paid', 'upgrade', 'billing',
  'cancel', 'refund', 'quota', 'rate limits', 'usage limits', 'limits', 'bug', 'bugs', 'error', 'errors', 'slower',
  'update', 'feature', 'features',
];

/** Frequently reused veto lists. */
const ZODIAC = [
  'horoscope', 'horoscopes', 'zodiac', 'astrology', 'star sign', 'sign', 'signs', 'season', 'moon',
  'rising', 'aries', 'taurus', 'cancer', 'leo', 'virgo', 'libra', 'scorpio', 'sagittarius',
  'capricorn', 'aquarius', 'pisces', 'twins', 'twin', 'constellation', 'birthday', 'retrograde',
];

const lab = (d: Omit<LabDefinition, 'context'> & { context?: string[] }): LabDefinition => ({
  ...d,
  context: [...(d.context ?? []), ...AI_CONTEXT],
});

const term = (text: string, kind: AmbiguousTerm['kind'], rest: Omit<AmbiguousTerm, 'text' | 'kind'> = {}): AmbiguousTerm => ({
  text,
  kind,
  ...rest,
});

/** Version-like suffixes: "4", "2.5", "-3.1". */
const VERSION = '^[\\s-]*v?\\d+(\\.\\d+)*\\b';

/**
 * The seed catalogue. The database holds the live copy (as JSON); the scorer compiles whatever list it
 * is handed, so nothing at runtime should read this constant except the seed.
 */
export const DEFAULT_LABS: LabDefinition[] = [
  lab({
    slug: 'openai',
    name: 'OpenAI',
    aliases: ['OpenAI', 'オープンAI', '오픈AI'],
    products: [
      'ChatGPT', 'GPT', 'SearchGPT', 'gpt-oss', 'DALL-E', 'DALLE', 'Codex CLI', 'ChatGPT Atlas',
      'o1-preview', 'o1-mini', 'o1-pro', 'o3-mini', 'o3-pro', 'o4-mini', 'GPT store',
    ],
    people: ['Sam Altman', 'Altman', 'サム・アルトマン', '샘 올트먼', 'Greg Brockman', 'Jakub Pachocki', 'Kevin Weil', 'Fidji Simo'],
    handles: ['@OpenAI', '@sama', '@ChatGPTapp', '@OpenAIDevs', '@OpenAINewsroom', '@gdb'],
    hashtags: ['#OpenAI', '#ChatGPT', '#GPT4', '#GPT4o', '#GPT5', '#SamAltman', '#Sora'],
    context: ['reasoning model', 'voice mode', 'plus subscription', 'stargate'],
    ambiguous: [
      term('Open AI', 'alias', { caseRule: 'accept-exact' }),
      term('o1', 'product', { caseRule: 'require', acceptSuffix: '^[\\s-]*(mini|pro|preview)\\b', veto: ['visa', 'visas', 'ozone', 'oxygen', 'chess', 'notation'] }),
      term('o3', 'product', { caseRule: 'require', acceptSuffix: '^[\\s-]*(mini|pro|high|low)\\b', veto: ['ozone', 'stratosphere', 'oxygen', 'levels', 'chess', 'notation'] }),
      term('o4', 'product', { caseRule: 'require', acceptSuffix: '^[\\s-]*mini\\b', veto: ['chess', 'notation'] }),
      term('4o', 'product', { caseRule: 'require', veto: ['score', 'half time', 'goals', 'win', 'won', 'lost'] }),
      term('Sora', 'product', {
        acceptSuffix: '^[\\s-]*(2|turbo|app)\\b',
        support: ['video', 'videos', 'text-to-video', 'generated', 'ai-generated', 'clip', 'clips'],
        veto: ['kingdom hearts', 'kingdom', 'hearts', 'riku', 'kairi', 'goofy', 'donald', 'smash', 'keyblade'],
      }),
      term('Codex', 'product', {
        caseRule: 'accept-exact',
        support: ['cli', 'pull request', 'repo', 'github'],
        veto: ['warhammer', 'space marines', '40k', 'manuscript', 'alimentarius', 'leicester', 'da vinci'],
      }),
      term('Whisper', 'product', { caseRule: 'require', support: ['transcribe', 'transcribes', 'transcription', 'speech', 'asr', 'speech-to-text'] }),
      term('Operator', 'product', { caseRule: 'require', otherLabsSupport: false }),
    ],
  }),
  lab({
    slug: 'anthropic',
    name: 'Anthropic',
    aliases: ['Anthropic', 'アンソロピック', '앤트로픽'],
    products: [
      'Claude Code', 'Claude AI', 'Claude Sonnet', 'Claude Opus', 'Claude Haiku', 'Claude Instant',
      'Constitutional AI',
    ],
    people: ['Dario Amodei', 'Daniela Amodei', 'Amodei', 'Mike Krieger', 'Jared Kaplan', 'Chris Olah', 'Jan Leike'],
    handles: ['@AnthropicAI', '@claudeai', '@DarioAmodei'],
    hashtags: ['#Anthropic', '#ClaudeAI', '#ClaudeCode'],
    context: ['artifacts', 'mcp', 'model context protocol'],
    ambiguous: [
      term('Claude', 'product', {
        caseRule: 'accept-exact',
        acceptSuffix: '^[\\s-]*(\\d|sonnet|opus|haiku|code|pro|max|instant)',
        support: [...PRODUCT_EVIDENCE],
        veto: [
          'monet', 'debussy', 'shannon', 'van damme', 'jean', 'makelele', 'giroux', 'frollo', 'levi-strauss',
          'lelouch', 'rains', 'chabrol', 'accounting', 'uncle', 'aunt', 'grandpa', 'grandma', 'painter',
          'named', 'called', 'cat', 'dog', 'gym', 'retirement', 'exhibition', 'impressionist', 'water lilies',
        ],
        vetoWindow: 3,
      }),
      term('Sonnet', 'product', {
        acceptSuffix: '^[\\s-]*[3-9](\\.\\d)?\\b',
        veto: ['shakespeare', 'poem', 'poems', 'poetry', 'poet', 'verse', 'petrarch', 'petrarchan', 'rhyme', 'sonnets', 'line'],
        otherLabsSupport: false,
      }),
      term('Opus', 'product', {
        acceptSuffix: '^[\\s-]*[3-9](\\.\\d)?\\b',
        veto: ['dei', 'magnum', 'beethoven', 'mozart', 'bach', 'brahms', 'chopin', 'symphony', 'sonata', 'piano', 'codec', 'audio'],
        otherLabsSupport: false,
      }),
      term('Haiku', 'product', {
        acceptSuffix: '^[\\s-]*[3-9](\\.\\d)?\\b',
        veto: ['poem', 'poems', 'poetry', 'basho', 'syllable', 'syllables', 'wrote a haiku'],
        otherLabsSupport: false,
      }),
    ],
  }),
  lab({
    slug: 'google-deepmind',
    name: 'Google DeepMind',
    aliases: ['Google DeepMind', 'DeepMind', 'Google AI', 'Google Brain', 'ディープマインド', '딥마인드'],
    products: [
      'Google Gemini', 'Gemini AI', 'Gemini Advanced', 'Gemini Pro', 'Gemini Flash', 'Gemini Ultra', 'Gemini Nano',
      'Gemini Live', 'Gemini app', 'Gemini CLI', 'Gemma', 'AlphaFold', 'AlphaGo', 'AlphaZero', 'AlphaProof',
      'AlphaGeometry', 'AlphaEvolve', 'AlphaStar', 'NotebookLM', 'AI Overviews', 'Google AI Studio', 'Nano Banana',
      'SynthID', 'Project Mariner', 'ジェミニ', '제미나이',
    ],
    people: ['Demis Hassabis', 'Hassabis', 'Koray Kavukcuoglu', 'Shane Legg', 'Jeff Dean', 'Logan Kilpatrick'],
    handles: ['@GoogleDeepMind', '@GoogleAI', '@GeminiApp', '@demishassabis', '@JeffDean', '@GoogleAIStudio', '@NotebookLM', '@sundarpichai', '@OfficialLoganK'],
    hashtags: ['#DeepMind', '#GoogleGemini', '#GeminiAI', '#GoogleAI', '#Gemma', '#NotebookLM'],
    context: ['google', 'deepmind', 'alphabet', 'tpu', 'tpus', 'vertex ai', 'gmail', 'android', 'workspace'],
    ambiguous: [
      term('Gemini', 'product', {
        caseRule: 'accept-exact',
        acceptSuffix: '^[\\s-]*(\\d|pro|flash|ultra|nano|advanced|live|app|cli|deep research|exp)',
        support: [...PRODUCT_EVIDENCE],
        veto: [
          ...ZODIAC, 'astrology', 'in me', 'thing to do', 'project gemini', 'withdrawal', 'crypto', 'exchange', 'winklevoss', 'bitcoin', 'btc', 'nasa', 'apollo', 'spacecraft',
          'astronaut', 'astronauts', 'program', 'gemini man', 'will smith', 'movie', 'film', 'sister', 'brother',
        ],
      }),
      term('Bard', 'product', { caseRule: 'require', veto: ['avon', 'shakespeare', 'stratford', 'bardic', 'poet', 'class', 'dnd', 'd&d', 'college of'] }),
      term('Google', 'alias', { veto: ['search', 'searches', 'searching', 'chrome', 'maps', 'form', 'forms', 'translate', 'play store'], vetoWindow: 2 }),
      term('Veo', 'product', { acceptSuffix: VERSION, support: ['video', 'videos'] }),
      term('Imagen', 'product', { acceptSuffix: VERSION }),
      term('Genie', 'product', { acceptSuffix: '^[\\s-]*[2-9]\\b', veto: ['wishes', 'lamp', 'aladdin', 'bottle'] }),
      term('Project Astra', 'product', {}),
      term('Sundar Pichai', 'person', {}),
      term('Pichai', 'person', {}),
    ],
  }),
  lab({
    slug: 'meta-ai',
    name: 'Meta AI',
    aliases: ['Meta AI', 'Facebook AI', 'Facebook AI Research', 'Meta FAIR', 'Meta Superintelligence Labs'],
    products: ['Llama Guard', 'Code Llama', 'Llama Stack', 'Meta Llama', 'Segment Anything'],
    people: ['Mark Zuckerberg', 'Zuckerberg', 'Zuck', 'Yann LeCun', 'LeCun', 'Alexandr Wang', 'Ahmad Al-Dahle', 'Joelle Pineau'],
    handles: ['@AIatMeta', '@MetaAI', '@ylecun', '@finkd', '@alexandr_wang'],
    hashtags: ['#MetaAI', '#Llama2', '#Llama3', '#Llama4'],
    context: ['superintelligence lab', 'msl', 'fair'],
    ambiguous: [
      term('Meta', 'alias', {
        caseRule: 'require',
        veto: ['analysis', 'quest', 'headset', 'headsets', 'vr', 'horizon', 'tier list'],
        vetoWindow: 3,
      }),
      term('Llama', 'product', {
        acceptSuffix: '^[\\s-]*(\\d|guard|stack|scout|maverick|behemoth|nemotron)',
        support: [...PRODUCT_EVIDENCE],
        veto: [
          'alpaca', 'alpacas', 'llamas', 'farm', 'petting', 'zoo', 'animal', 'animals', 'wool', 'drama', 'pajama',
          'peru', 'andes', 'spit', 'spat', 'camelid', 'camelids', 'cake', 'plush', 'shaped',
        ],
      }),
      term('Facebook', 'alias', { veto: ['ads', 'photos', 'vacation', 'aunt', 'marketplace', 'group'] }),
    ],
  }),
  lab({
    slug: 'mistral-ai',
    name: 'Mistral AI',
    aliases: ['Mistral AI'],
    products: ['Mixtral', 'Codestral', 'Devstral', 'Magistral', 'Pixtral', 'Ministral', 'Voxtral', 'Mistral Large', 'Mistral Medium', 'Mistral Small', 'Mistral Nemo'],
    people: ['Arthur Mensch', 'Guillaume Lample', 'Timothée Lacroix'],
    handles: ['@MistralAI', '@arthurmensch'],
    hashtags: ['#MistralAI'],
    context: ['la plateforme', 'european ai'],
    ambiguous: [
      term('Mistral', 'alias', {
        caseRule: 'accept-exact',
        acceptSuffix: '^[\\s-]*(\\d|large|medium|small|nemo|saba|ocr|le chat|ai)',
        support: [...PRODUCT_EVIDENCE],
        veto: [
          'wind', 'winds', 'provence', 'rhône', 'rhone', 'valley', 'gust', 'gusts', 'breeze', 'ship', 'class',
          'amphibious', 'navy', 'warship', 'toulon', 'airlines', 'weather', 'northwesterly', 'cold',
        ],
      }),
      term('Le Chat', 'product', {
        caseRule: 'accept-exact',
        acceptSuffix: '^\\s*(by|from)\\s+mistral',
        veto: ['est', 'sur', 'la', 'noir', 'cat', 'chat noir', 'miaou', 'neighbour', 'neighbor', 'orange'],
      }),
    ],
  }),
  lab({
    slug: 'xai',
    name: 'xAI',
    aliases: [],
    products: ['SuperGrok', 'Grokipedia', 'Grok AI'],
    people: ['Igor Babuschkin'],
    handles: ['@xai', '@grok'],
    hashtags: ['#xAI', '#Grok', '#Grok3', '#Grok4'],
    context: ['colossus', 'memphis', 'x.com', 'twitter', 'mechahitler'],
    ambiguous: [
      term('xAI', 'alias', { caseRule: 'accept-exact', veto: ['explainable', 'explainability', 'interpretable', 'interpretability', 'shap', 'lime'] }),
      term('Grok', 'product', { caseRule: 'accept-exact', acceptSuffix: '^[\\s-]*(\\d|heavy|imagine|code|mini|beta)' }),
      term('Elon Musk', 'person', { otherLabsSupport: false, veto: ['tesla', 'spacex', 'starship', 'doge', 'neuralink'] }),
      term('Musk', 'person', { otherLabsSupport: false, veto: ['tesla', 'spacex', 'starship', 'doge', 'neuralink'] }),
      term('Elon', 'person', { otherLabsSupport: false, veto: ['tesla', 'spacex', 'starship', 'doge', 'neuralink'] }),
    ],
  }),
  lab({
    slug: 'deepseek',
    name: 'DeepSeek',
    aliases: ['DeepSeek', 'Deep Seek', '深度求索', 'ディープシーク', '딥시크'],
    products: ['DeepSeek-R1', 'DeepSeek-V3', 'DeepSeek Coder', 'Janus-Pro'],
    people: ['Liang Wenfeng'],
    handles: ['@deepseek_ai'],
    hashtags: ['#DeepSeek', '#DeepSeekR1'],
    context: ['hangzhou', 'high-flyer', 'distill', 'distilled', 'distillation', 'whale'],
    ambiguous: [
      term('R1', 'product', {
        acceptSuffix: '^[\\s-]*(0528|distill|zero|lite)',
        veto: ['yamaha', 'bike', 'bikes', 'motorcycle', 'rabbit', 'bmw', 'formula', 'ducati', 'honda', 'engine', 'track bike'],
      }),
      term('V3', 'product', { acceptSuffix: '^[\\s-]*(\\.\\d|0324)', otherLabsSupport: false, veto: ['engine', 'v8', 'rocket'] }),
    ],
  }),
  lab({
    slug: 'alibaba-qwen',
    name: 'Alibaba Qwen',
    aliases: ['Alibaba Qwen', 'Qwen Team', 'Tongyi', 'Tongyi Qianwen', '通义千问', '千问'],
    products: ['Qwen', 'QwQ', 'Qwen-Max', 'Qwen Chat'],
    people: ['Junyang Lin', 'Lin Junyang'],
    handles: ['@Alibaba_Qwen', '@JustinLin610'],
    hashtags: ['#Qwen', '#Qwen3', '#Qwen2'],
    context: ['alibaba cloud'],
    ambiguous: [term('Alibaba', 'alias', {}), term('Wan', 'product', { acceptSuffix: '^[\\s-]*2\\.\\d', caseRule: 'require' })],
  }),
  lab({
    slug: 'microsoft-ai',
    name: 'Microsoft AI',
    aliases: ['Microsoft AI', 'Bing Chat', 'Bing AI', 'Microsoft Research'],
    products: ['Microsoft Copilot', 'GitHub Copilot', 'Copilot+', 'Phi-2', 'Phi-3', 'Phi-3.5', 'Phi-4', 'MAI-1', 'Microsoft 365 Copilot'],
    people: ['Mustafa Suleyman'],
    handles: ['@MicrosoftAI', '@mustafasuleyman', '@satyanadella', '@MSFTResearch', '@GitHubCopilot'],
    hashtags: ['#Copilot', '#MicrosoftAI', '#MicrosoftCopilot'],
    context: ['azure', 'github', 'bing', 'windows', 'vs code', 'vscode', 'office'],
    ambiguous: [
      term('Microsoft', 'alias', {}),
      term('Copilot', 'product', { caseRule: 'accept-exact', veto: ['pilot', 'flight', 'land', 'landing', 'cockpit', 'plane', 'airline', 'captain', 'aircraft'] }),
      term('Satya Nadella', 'person', {}),
      term('Nadella', 'person', {}),
    ],
  }),
  lab({
    slug: 'amazon-ai',
    name: 'Amazon AI',
    aliases: ['Amazon AGI', 'AWS AI', 'Amazon Science'],
    products: ['Amazon Nova', 'Nova Act', 'Amazon Bedrock', 'AWS Bedrock', 'Amazon Q', 'Alexa+', 'Alexa Plus', 'Trainium', 'Amazon Titan'],
    people: ['Rohit Prasad'],
    handles: ['@AmazonScience'],
    hashtags: ['#AmazonNova', '#AmazonBedrock', '#AlexaPlus'],
    context: ['bedrock', 'trainium', 'inferentia', 'foundation models'],
    ambiguous: [
      term('Amazon', 'alias', {}),
      term('AWS', 'alias', {}),
      term('Alexa', 'product', {
        caseRule: 'accept-exact',
        veto: ['named', 'friend', 'daughter', 'sister', 'cousin', 'girlfriend', 'wife', 'niece', 'coworker', 'colleague', 'her name'],
        vetoWindow: 3,
      }),
      term('Andy Jassy', 'person', {}),
      term('Jassy', 'person', {}),
      term('Nova', 'product', { acceptSuffix: '^[\\s-]*(pro|lite|micro|premier|act|sonic|canvas|reel)\\b', caseRule: 'require', veto: ['supernova', 'bossa', 'scotia'] }),
    ],
  }),
  lab({
    slug: 'cohere',
    name: 'Cohere',
    aliases: ['Cohere AI', 'Cohere For AI', 'Cohere Labs'],
    products: ['Command R', 'Command R+', 'Cohere Embed', 'Cohere Rerank', 'Aya Expanse', 'Aya Vision'],
    people: ['Aidan Gomez', 'Nick Frosst'],
    handles: ['@cohere', '@CohereForAI', '@CohereLabs', '@aidangomez'],
    hashtags: ['#Cohere', '#CohereAI'],
    context: ['enterprise ai', 'rerank', 'embeddings'],
    ambiguous: [
      term('Cohere', 'alias', { caseRule: 'accept-exact', acceptSuffix: '^\\s*(command|aya|embed|rerank|north|toolkit)\\b' }),
      term('Aya', 'product', { caseRule: 'require', acceptSuffix: '^[\\s-]*(expanse|vision|23|101)\\b', veto: ['nakamura', 'album', 'singer'] }),
      term('Command A', 'product', { caseRule: 'require' }),
    ],
  }),
  lab({
    slug: 'perplexity',
    name: 'Perplexity',
    aliases: ['Perplexity AI'],
    products: ['Perplexity Pro', 'Perplexity Comet', 'Sonar Pro'],
    people: ['Aravind Srinivas', 'Denis Yarats'],
    handles: ['@perplexity_ai', '@AravSrinivas'],
    hashtags: ['#PerplexityAI'],
    context: ['search engine', 'answer engine', 'citation', 'citations', 'comet', 'sonar', 'browser'],
    ambiguous: [
      term('Comet', 'product', {
        support: ['browser', 'tabs', 'extension', 'shopping', 'assistant'],
        veto: ['halley', 'telescope', 'tail', 'nucleus', 'orbit', 'astronomy', 'astronomers', 'meteor', 'sky', 'night', 'interstellar', 'cleaner'],
      }),
      term('Perplexity', 'alias', {
        caseRule: 'accept-exact',
        veto: ['loss', 'validation', 'cross-entropy', 'entropy', 'drops', 'lower', 'train set', 'test set', 'bits', 'nats', 'face'],
      }),
    ],
  }),
  lab({
    slug: 'moonshot-ai',
    name: 'Moonshot AI',
    aliases: ['Moonshot AI', '月之暗面'],
    products: ['Kimi K2', 'Kimi k1.5', 'Kimi-VL', 'Kimi Chat', 'Kimi AI'],
    people: ['Yang Zhilin'],
    handles: ['@Kimi_Moonshot', '@MoonshotAI'],
    hashtags: ['#KimiK2', '#MoonshotAI'],
    context: ['beijing'],
    ambiguous: [
      term('Kimi', 'product', {
        caseRule: 'accept-exact',
        acceptSuffix: '^[\\s-]*(k\\s?\\d|\\d|linear|researcher)',
        veto: ['räikkönen', 'raikkonen', 'antonelli', 'ferrari', 'f1', 'mercedes', 'formula', 'grand prix', 'gp', 'lap', 'pole'],
      }),
      term('Moonshot', 'alias', { caseRule: 'require', veto: ['moon', 'landing', 'nasa', 'cancer'] }),
    ],
  }),
  lab({
    slug: 'zhipu-ai',
    name: 'Zhipu AI (Z.ai)',
    aliases: ['Zhipu AI', 'Zhipu', '智谱'],
    products: ['ChatGLM', 'CogVideoX', 'CogView', 'GLM-4.5', 'GLM-4.6', 'GLM-4V'],
    people: [],
    handles: ['@Zai_org', '@ChatGLM'],
    hashtags: ['#ChatGLM', '#ZhipuAI'],
    context: ['tsinghua'],
    ambiguous: [
      term('Z.ai', 'alias', { caseRule: 'accept-exact', veto: ['gen'] }),
      term('GLM', 'product', {
        caseRule: 'require',
        acceptSuffix: '^[\\s-]*([4-9](\\.\\d)?\\b|air|z1|4v)',
        veto: ['logit', 'logistic', 'regression', 'poisson', 'link', 'glmm', 'statistics', 'survey', 'fit'],
      }),
    ],
  }),
  lab({
    slug: 'baidu',
    name: 'Baidu ERNIE',
    aliases: ['Baidu AI'],
    products: ['ERNIE Bot', '文心一言'],
    people: ['Robin Li'],
    handles: ['@Baidu_Inc'],
    hashtags: ['#ERNIEBot'],
    context: ['ernie bot', 'wenxin'],
    ambiguous: [
      term('Baidu', 'alias', {}),
      term('百度', 'alias', {}),
      term('ERNIE', 'product', { caseRule: 'require', acceptSuffix: '^[\\s-]*(\\d|bot|x1|speed|lite|turbo)', veto: ['bert', 'sesame', 'muppet', 'muppets'] }),
    ],
  }),
  lab({
    slug: 'nvidia',
    name: 'NVIDIA',
    aliases: ['NVIDIA', 'Nvidia AI', 'NVIDIA Research', 'エヌビディア', '엔비디아', '英伟达', '輝達'],
    products: [
      'Nemotron', 'NVIDIA NIM', 'NeMo', 'CUDA', 'DGX', 'DGX Spark', 'H100', 'H200', 'H20', 'B200', 'B300', 'GB200',
      'GB300', 'TensorRT', 'Isaac GR00T', 'Cosmos Reason',
    ],
    people: ['Jensen Huang', 'Bryan Catanzaro', 'ジェンスン・フアン', '젠슨 황', '黄仁勋'],
    handles: ['@nvidia', '@NVIDIAAI', '@nvidianewsroom', '@NVIDIAAIDEV'],
    hashtags: ['#NVIDIA', '#NVIDIAGTC', '#CUDA'],
    context: ['gpu', 'gpus', 'chips', 'chip', 'data center', 'datacenter', 'tsmc'],
    ambiguous: [
      term('Blackwell', 'product', { caseRule: 'require', veto: ['elizabeth', 'scott', 'hall', 'kate', 'mrs', 'dr'] }),
      term('Jensen', 'person', { caseRule: 'accept-exact', otherLabsSupport: false, veto: ['ackles', 'button', 'beach', 'interceptor'] }),
    ],
  }),
  lab({
    slug: 'apple',
    name: 'Apple',
    aliases: ['Apple Intelligence', 'Apple AI', 'Apple Foundation Models', 'Apple Machine Learning Research'],
    products: ['Siri', 'Private Cloud Compute', 'Genmoji', 'Image Playground', 'OpenELM', 'Apple MLX'],
    people: ['John Giannandrea', 'Craig Federighi', 'Amar Subramanya'],
    handles: ['@AppleSupport'],
    hashtags: ['#AppleIntelligence', '#Siri'],
    context: ['siri', 'wwdc', 'cupertino'],
    ambiguous: [
      term('Apple', 'alias', {
        caseRule: 'require',
        veto: [
          'pie', 'pies', 'juice', 'cider', 'tree', 'trees', 'orchard', 'apples', 'fruit', 'crumble', 'records', 'big apple',
          'stock', 'shares', 'music', 'tv', 'pay', 'watch', 'airpods', 'vision pro', 'store', 'card', 'ipad', 'ipads',
          'iphone', 'iphones', 'macbook', 'macbooks', 'mac', 'deals', 'refurbished',
        ],
        vetoWindow: 3,
      }),
      term('Tim Cook', 'person', {}),
      term('MLX', 'product', { caseRule: 'require' }),
    ],
  }),
  lab({
    slug: 'stability-ai',
    name: 'Stability AI',
    aliases: ['Stability AI', 'StabilityAI'],
    products: ['SDXL', 'SD3', 'SD 3.5', 'Stable Video Diffusion', 'Stable Audio', 'Stable Cascade', 'DreamStudio', 'Stable LM', 'StableLM', 'Stable Fast 3D'],
    people: ['Emad Mostaque', 'Prem Akkaraju', 'Robin Rombach'],
    handles: ['@StabilityAI', '@EMostaque'],
    hashtags: ['#StableDiffusion', '#StabilityAI', '#SDXL'],
    context: ['image generator', 'image generation', 'images', 'image', 'lora', 'loras', 'comfyui', 'automatic1111', 'checkpoint', 'getty'],
    ambiguous: [
      term('Stable Diffusion', 'product', {
        acceptSuffix: '^[\\s-]*(\\d|xl|turbo|v\\d)',
        veto: ['equation', 'equations', 'coefficient', 'physics', 'heat', 'particles', 'particle', 'brownian', 'fluid', 'molecules', 'thermal'],
      }),
    ],
  }),
  lab({
    slug: 'ai21-labs',
    name: 'AI21 Labs',
    aliases: ['AI21', 'AI21 Labs'],
    products: ['Jurassic-2', 'Wordtune', 'AI21 Studio', 'AI21 Maestro'],
    people: ['Ori Goshen', 'Yoav Shoham', 'Amnon Shashua'],
    handles: ['@AI21Labs'],
    hashtags: ['#AI21', '#AI21Labs'],
    context: ['mamba', 'ssm'],
    ambiguous: [
      term('Jamba', 'product', {
        acceptSuffix: '^[\\s-]*(\\d|mini|large|instruct|reasoning)',
        veto: ['juice', 'smoothie', 'smoothies', 'jamba juice'],
      }),
    ],
  }),
  lab({
    slug: 'reka-ai',
    name: 'Reka AI',
    aliases: ['Reka AI', 'Reka Labs'],
    products: ['Reka Core', 'Reka Flash', 'Reka Edge', 'Reka Vision'],
    people: ['Dani Yogatama'],
    handles: ['@RekaAILabs'],
    hashtags: ['#RekaAI'],
    ambiguous: [term('Reka', 'alias', { caseRule: 'require', otherLabsSupport: false })],
  }),
  lab({
    slug: 'inflection-ai',
    name: 'Inflection AI',
    aliases: ['Inflection AI'],
    products: ['Inflection-2.5', 'Inflection-3', 'Pi AI', 'heypi'],
    people: [],
    handles: ['@inflectionAI', '@heypi_ai'],
    hashtags: ['#InflectionAI', '#HeyPi'],
    context: ['empathetic chatbot', 'companion'],
    ambiguous: [
      term('Inflection', 'alias', {
        caseRule: 'require',
        otherLabsSupport: false,
        veto: ['point', 'points', 'curve', 'voice', 'tone', 'rate', 'rates', 'inflation', 'growth', 'vocal'],
      }),
    ],
  }),
  lab({
    slug: 'hugging-face',
    name: 'Hugging Face',
    aliases: ['HuggingFace', 'Hugging Face Hub'],
    products: ['HuggingChat', 'SmolLM', 'SmolLM2', 'SmolLM3', 'SmolVLM', 'LeRobot', 'Hugging Face Spaces', 'huggingface_hub'],
    people: ['Clem Delangue', 'Clément Delangue', 'Thomas Wolf', 'Julien Chaumond'],
    handles: ['@huggingface', '@ClementDelangue', '@Thom_Wolf'],
    hashtags: ['#HuggingFace'],
    context: ['hub', 'spaces', 'datasets', 'transformers library', 'model card', 'gguf'],
    ambiguous: [term('Hugging Face', 'alias', { caseRule: 'accept-exact' }), term('HF', 'alias', { caseRule: 'require', otherLabsSupport: false, support: ['hub', 'spaces', 'model card'] })],
  }),
  lab({
    slug: 'midjourney',
    name: 'Midjourney',
    aliases: ['Midjourney'],
    products: ['Niji Journey', 'Niji 6'],
    people: ['David Holz'],
    handles: ['@midjourney'],
    hashtags: ['#midjourney', '#midjourneyart', '#midjourneyai', '#midjourneyv7'],
    ambiguous: [term('MJ', 'product', { caseRule: 'require', acceptSuffix: '^[\\s-]*v\\d' })],
  }),
  lab({
    slug: 'safe-superintelligence',
    name: 'Safe Superintelligence',
    aliases: ['Safe Superintelligence', 'Safe Superintelligence Inc', 'SSI Inc'],
    products: [],
    people: ['Ilya Sutskever', 'Sutskever'],
    handles: ['@ilyasut'],
    hashtags: [],
    ambiguous: [
      term('SSI', 'alias', {
        caseRule: 'require',
        otherLabsSupport: false,
        veto: ['disability', 'benefits', 'benefit', 'social security', 'ssdi', 'payment', 'payments', 'medicare', 'ssa', 'supplemental', 'medicaid'],
      }),
      term('Ilya', 'person', { caseRule: 'require' }),
    ],
  }),
  lab({
    slug: 'thinking-machines-lab',
    name: 'Thinking Machines Lab',
    aliases: ['Thinking Machines Lab', 'Thinking Machines'],
    products: ['Tinker API'],
    people: ['Mira Murati', 'Murati', 'John Schulman', 'Lilian Weng'],
    handles: ['@thinkymachines', '@miramurati', '@johnschulman2'],
    hashtags: ['#ThinkingMachines'],
    ambiguous: [term('Tinker', 'product', { caseRule: 'require', otherLabsSupport: false, support: ['fine-tuning', 'fine-tune', 'lora', 'thinking machines'] })],
  }),
];
