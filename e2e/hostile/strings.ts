// Strings a hostile or careless source could put in any text field of a story or an entity: markup,
// script, URLs, SVG and MathML, comments and CDATA, text that would end a JSON or script element,
// and Unicode and encoding tricks. Each one that could run script calls `__hostile(n)`, which the
// hostile-content journeys (hostile.spec.ts) watch for; `alert` opens a dialog, which they watch
// for too. Every string is legal content (no character XML forbids, within every length limit of
// the fields it goes in), so the build must accept it and every page must show it as text.
export interface Hostile {
  kind:
    | 'script'
    | 'event handler'
    | 'url'
    | 'svg'
    | 'mathml'
    | 'comment'
    | 'cdata'
    | 'json in script'
    | 'template'
    | 'css'
    | 'xml'
    | 'unicode'
    | 'encoding'
  text: string
}

const list: [Hostile['kind'], string][] = [
  ['script', '<script>__hostile(1)</script>'],
  ['script', '<SCRIPT SRC=//evil.invalid/x.js></SCRIPT>'],
  ['script', '<script>alert(2)</script>'],
  ['script', '"><script>__hostile(4)</script>'],
  ['script', "'><script>__hostile(5)</script>"],
  ['script', '<scr<script>ipt>__hostile(6)</scr</script>ipt>'],
  ['script', '<script type="module">__hostile(7)</script>'],
  ['script', '<noscript><p title="</noscript><img src=x onerror=__hostile(8)>">'],
  ['event handler', '<img src=x onerror=__hostile(9)>'],
  ['event handler', '<img src="x" onerror="alert(10)">'],
  ['event handler', '<body onload=__hostile(11)>'],
  ['event handler', '<div onmouseover="__hostile(12)">hover</div>'],
  ['event handler', '<input autofocus onfocus=__hostile(13)>'],
  ['event handler', '<details open ontoggle=__hostile(14)>'],
  ['event handler', '<video><source onerror="__hostile(15)"></video>'],
  ['event handler', '" onfocus="__hostile(16)" autofocus="'],
  ['event handler', "' onmouseover='__hostile(17)'"],
  ['event handler', '<marquee onstart=__hostile(18)>'],
  ['url', 'javascript:__hostile(19)'],
  ['url', '<a href="javascript:__hostile(20)">click</a>'],
  ['url', '<a href="jav&#x09;ascript:__hostile(21)">click</a>'],
  ['url', 'data:text/html;base64,PHNjcmlwdD5fX2hvc3RpbGUoMjIpPC9zY3JpcHQ+'],
  ['url', '<iframe src="data:text/html,<script>__hostile(23)</script>"></iframe>'],
  ['url', 'vbscript:msgbox(24)'],
  ['url', '<meta http-equiv="refresh" content="0;url=https://evil.invalid/25">'],
  ['url', '<base href="https://evil.invalid/26/">'],
  ['url', '<link rel="stylesheet" href="https://evil.invalid/27.css">'],
  ['url', '<form action="https://evil.invalid/28"><button>Go</button></form>'],
  ['url', '<object data="https://evil.invalid/29.swf"></object>'],
  ['url', '<embed src="javascript:__hostile(30)">'],
  ['svg', '<svg onload=__hostile(31)>'],
  ['svg', '<svg><script>__hostile(32)</script></svg>'],
  ['svg', '<svg><animate onbegin=__hostile(33) attributeName=x dur=1s>'],
  ['svg', '<svg><a xlink:href="javascript:__hostile(34)"><text>x</text></a></svg>'],
  ['svg', '<svg><foreignObject><img src=x onerror=__hostile(35)></foreignObject></svg>'],
  ['mathml', '<math><mtext><img src=x onerror=__hostile(36)></mtext></math>'],
  ['mathml', '<math href="javascript:__hostile(37)">x</math>'],
  [
    'mathml',
    '<math><mtext><table><mglyph><style><img src=x onerror=__hostile(38)></style></mglyph></table></mtext></math>',
  ],
  ['comment', '<!-- <script>__hostile(39)</script> -->'],
  ['comment', '--><script>__hostile(40)</script><!--'],
  ['comment', '<!--><img src=x onerror=__hostile(41)>-->'],
  ['cdata', '<![CDATA[<script>__hostile(42)</script>]]>'],
  ['cdata', ']]><script>__hostile(43)</script>'],
  ['json in script', '</script><script>__hostile(44)</script>'],
  ['json in script', '</SCRIPT ><img src=x onerror=__hostile(45)>'],
  ['json in script', '<!--<script>'],
  ['json in script', '"}]}</script><script>__hostile(47)</script>'],
  ['json in script', '\u2028__hostile(48)\u2029'],
  ['json in script', '{"__proto__":{"polluted":"49"}}'],
  ['template', '{{constructor.constructor("__hostile(50)")()}}'],
  ['template', '${__hostile(51)}'],
  ['template', "$& $' $` $$ <!--app-html--> <!--app-head-->"],
  ['css', '</style><script>__hostile(53)</script>'],
  ['css', '<style>@import "https://evil.invalid/54.css";</style>'],
  ['css', '<div style="background:url(javascript:__hostile(55))">x</div>'],
  ['xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
  ['xml', '&amp; &lt; &gt; &quot; &apos; &#60; &#x3C; &nbsp; &bogus;'],
  ['xml', 'AT&T <b> & </b> Q&A > R&D <'],
  ['unicode', 'Righ\u202Et-to-left \u202Bembedding\u202C and \u2066isolates\u2069'],
  ['unicode', 'Zero\u200Bwidth\u200Cjoin\u200Ders\uFEFF and soft\u00ADhyphens'],
  ['unicode', 'Full-width ＜script＞__hostile(61)＜/script＞'],
  ['unicode', 'Emoji 👩🏽‍🚒🏳️‍🌈 and combining e\u0301\u0301\u0301 Z̷̢͎a̶l̴g̸o̵'],
  ['unicode', 'Homoglyph раураl.com and ℌ𝔢𝔩𝔩𝔬 𝐛𝐨𝐥𝐝'],
  ['encoding', '%3Cscript%3E__hostile(64)%3C%2Fscript%3E'],
  ['encoding', '&#x3C;script&#x3E;__hostile(65)&#x3C;/script&#x3E;'],
  ['encoding', '\\u003cscript\\u003e__hostile(66)\\u003c/script\\u003e'],
  ['encoding', '+ADw-script+AD4-__hostile(67)+ADw-/script+AD4-'],
  ['encoding', '\\x3cscript\\x3e__hostile(68)\\x3c/script\\x3e'],
]

export const HOSTILE: readonly Hostile[] = list.map(([kind, text]) => ({ kind, text }))
