/**
 * The words of web page chrome, in simplified Chinese; traditional text is folded onto them first. A word alone
 * proves nothing (articles mention 登录 and 版权): rules weigh how much of a line such words cover and where the
 * line sits. Strong markers (ICP numbers, ©, 公网安备) do not occur in prose lines of news.
 */

/** Traditional forms of the characters used below, folded to simplified (generated with OpenCC, t2s). */
const TRADITIONAL =
  '與与專专個个箇个為为爲为舉举樂乐習习書书於于雲云產产産产們们會会傳传體体兒儿關关興兴內内冊册軍军準准齣出擊击創创製制辦办務务動动區区協协單单厤历曆历歷历參参蔘参發发髮发號号閤合衕同聽听員员週周迴回國国圖图場场墰坛壇坛壜坛罈坛罎坛聲声備备復复' +
  '複复娛娱實实審审傢家對对導导佈布帳帐幫帮廣广開开歸归噹当當当彔录錄录録录綵彩懷怀戲戏戶户纔才擴扩掃扫護护報报蒐搜敎教數数無无時时朮术術术機机權权條条來来闆板査查標标覈核歡欢氣气註注瀏浏遊游點点熱热獨独現现電电監监眞真碼码礙碍視视俬私籌筹簽签' +
  '籤签簡简係系繫系糾纠級级綫线線线組组終终紹绍經经給给絡络統统維维編编縮缩網网羣群聯联腦脑騰腾薦荐營营錶表見见觀观覽览計计訂订認认議议訊讯記记許许論论設设訪访証证證证評评識识詞词誠诚話话該该語语請请讀读財财責责賬账貼贴資资讚赞贊赞車车轉转載载' +
  '輯辑運运還还這这違违適适選选郵邮鏈链錯错鍵键鏡镜長长門门閉闭問问間间聞闻閱阅閲阅陰阴陣阵際际隱隐霧雾麪面麫面麵面頁页頂顶顧顾頻频題题饋馈驗验';

/** UTF-16 unit to its simplified form, 0 where nothing folds (all the characters involved are in the BMP). */
const FOLD = new Uint16Array(0x10000);
/** One bit per UTF-16 unit, set where FOLD has a form: small enough to stay in cache, unlike FOLD itself. */
const FOLDS = new Uint8Array(0x10000 >> 3);
for (let i = 0; i + 1 < TRADITIONAL.length; i += 2) {
  const c = TRADITIONAL.charCodeAt(i);
  FOLD[c] = TRADITIONAL.charCodeAt(i + 1);
  FOLDS[c >> 3] |= 1 << (c & 7);
}

/** Folds the traditional characters of the lexicon to simplified; other characters pass unchanged, so offsets hold. */
export function foldToLexicon(view: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < view.length; i++) {
    const c = view.charCodeAt(i);
    if ((FOLDS[c >> 3] & (1 << (c & 7))) === 0) continue;
    out += view.slice(copied, i) + String.fromCharCode(FOLD[c]);
    copied = i + 1;
  }
  return copied === 0 ? view : out + view.slice(copied);
}

export type ChromeFamily = 'site-chrome' | 'share-widget' | 'site-footer';

const alt = (words: string[]) => words.join('|');

/** Head-of-page chrome: accessibility, language, account, search, weather and date widgets, navigation words. */
const SITE_CHROME = alt([
  '无障碍(?:浏览|阅读|服务|通道)?', '长者(?:模式|版)', '关怀版', '适老化', '(?:繁体|简体)(?:中文|版)?', '外文(?:版|网站)?', 'english', '中文版',
  '登录', '注册', '退出', '个人中心', '会员中心', '用户中心', '我的(?:收藏|订阅|消息)', '设为首页', '加入收藏', '收藏本站',
  '手机版', '移动版', '电脑版', '移动端', '(?:移动)?客户端', '下载app', 'app下载', '(?:网站|快速)?导航', '(?:站内|高级|全文)?搜索',
  '忘记密码', '下次自动登录', '记住(?:密码|我)', '扫码登录', '[帐账]号', '用户名', '密码', '验证码', '首页',
  '今天是\\s*(?:\\d{4}年\\d{1,2}月\\d{1,2}日)?', '星期[一二三四五六日天]', '天气\\s*[:：]?\\s*[晴阴雨雪多云转小中大暴雷阵雾霾\\d~℃°/-]*',
  '(?:浏览次数|浏览量|点击数|点击量|阅读数|阅读量|阅读次数|访问量|访问次数|人气)\\s*[:：]?\\s*\\d*', '[报爆]料热线\\s*[:：]?\\s*[\\d-]*',
  'rss', '订阅', '邮箱', '(?:查看|点击|加载)?更多\\p{Script=Han}{0,6}\\s*[>»]+', '更多', '我要(?:反馈|投稿|评论|纠错|爆料)', '频道', '报料', '投稿', '网站群', '政务(?:微博|微信|新媒体)', '官方(?:微博|微信)',
]);

/** Page tools: share, print, close, back-to-top, font size, QR codes, reactions. */
const SHARE_WIDGET = alt([
  '扫一扫(?:在手机上?(?:打开|阅读|浏览)(?:当前页|本页)?)?', '在手机上?打开', '(?:手机)?扫(?:码|描二维码)(?:阅读|分享|关注)?', '二维码',
  '打印(?:此页|本页|文章|本文|页面)?', '关闭(?:窗口|本页|页面)?', '(?:返回|回到)顶部', 'top', '分享(?:到|至)?', '收藏', '复制链接',
  '(?:微信)?朋友圈', '微信(?:好友)?', '(?:新浪|腾讯)?微博', 'qq空间', 'qzone', 'qq', '豆瓣', '人人网', '字号', '字体', '(?:放大|缩小)字体',
  '(?<=^|[\\s|/【】\\[\\]()（）:：])(?:超大|特大|大|中|小|标准|默认)(?=$|[\\s|/【】\\[\\]()（）])', '点赞', '在看', '阅读原文', '评论', '举报',
  '纠错', '\\d+\\s*(?:条评论|人参与|人评论)', '(?:网友|最热|最新|热门|全部)评论', '表情', '发布', '刷新', '回复', '推荐给朋友', '发送给朋友', '加入书签', '听新闻', '语音播报',
]);

/** Site footer: copyright, licences and registrations, ownership, contact. */
const STRONG_FOOTER = alt([
  '©\\s*[\\d\\s-]*', 'ⓒ', 'copyright\\s*(?:©|\\(c\\))?\\s*[\\d\\s-]*', 'all rights reserved', '版权所有', '版权归[^，,。]{1,20}所有',
  'icp\\s*[备证?]?\\s*[:：]?\\s*[\\d-]*\\s*号?(?:-\\d+)?', '公网安\\s*[备?]?\\s*[\\d-]*\\s*号?',
  '网站标识码\\s*[:：]?\\s*[\\da-z]*', '许可证\\s*(?:号|编号)?\\s*[:：]?\\s*[\\d\\w-]*',
  '(?:违法和)?不良信息举报(?:电话|邮箱|中心)?', '举报(?:电话|邮箱|中心)',
]);

const FOOTER_KEYS = '(?:主办|承办|协办|主管|运营|运维|出品|制作|技术支持|联系电话|联系方式|(?:网站|新闻)?联系邮箱|电话|热线|传真|邮编|地址|电子邮箱|邮箱|e-?mail)(?:单位)?';

const WEAK_FOOTER = alt([
  `${FOOTER_KEYS}\\s*[:：]\\s*[^\\s|]{0,40}`, '联系我们', '关于我们', '网站地图', '网站声明', '(?:免责|法律|版权)声明', '隐私(?:政策|条款|保护)',
  '(?:使用|服务|用户)(?:协议|条款)', '广告(?:服务|合作|刊例)', '商务合作', '招聘信息', '人才招聘', '诚聘英才', '意见反馈', '网站纠错', '访问统计',
  '友情链接', '帮助中心', '客服中心', '网站介绍', '本站介绍', 'about us', 'contact us',
  '\\d{3,4}-\\d{7,8}', '400-\\d{3}-\\d{4}',
]);

/** The literal core of every strong footer marker: a cheap test before the full pattern. */
const STRONG_FOOTER_HINT = /[©ⓒ]|copyright|rights|版权|icp|公网安|标识码|许可证|举报/u;
const STRONG_FOOTER_RE = new RegExp(STRONG_FOOTER, 'u');

export function hasStrongFooterMarker(view: string): boolean {
  return STRONG_FOOTER_HINT.test(view) && STRONG_FOOTER_RE.test(view);
}

/** Words that name what precedes them: `新浪首页`, `武进天气`. Their coverage extends over that name. */
export const NAMED_TOKEN = /^(?:首页|天气)/u;
export const MAX_NAME_BEFORE_TOKEN = 4;

/** An e-mail address, the local part possibly broken by spaces (`435 227 67@qq.com`); tried only where `@` is. */
export const EMAIL = /[\w.-]+(?:\s[\w.-]+){0,3}@[\w-]+(?:\.[\w-]+)+/gu;

/** The families in one pattern, one capture group each, so a line is scanned once. */
export const CHROME_FAMILIES: ChromeFamily[] = ['site-footer', 'share-widget', 'site-chrome'];
export const CHROME_TOKENS = new RegExp(`(${STRONG_FOOTER}|${WEAK_FOOTER})|(${SHARE_WIDGET})|(${SITE_CHROME})`, 'gu');

/** Page widgets printed as metadata fields: counters, font size, the tip-off hotline. The key, then its value. */
export const WIDGET_FIELD = /(?:浏览次数|浏览量|点击数|点击量|点击率|阅读数|阅读量|阅读次数|访问量|访问次数|字号|字体|[报爆]料热线|新闻热线)\s*[:：?]?/gu;

/** A copyright or reprint notice written as a sentence: boilerplate only where the body has ended. */
export const REPRINT_NOTICE = /未经.{0,30}(?:授权|许可|同意|书面).{0,30}(?:转载|复制|使用|镜像|摘编)|转载请注明|本文(?:系|为).{0,12}(?:原创|授权)|不代表.{0,12}(?:立场|观点)/u;

/** Where am I: the breadcrumb's own words, or short items chained by arrows. */
export const BREADCRUMB_WORDS = /当前位置|您的位置|您现在的位置|您当前的?位置|您所在的?位置|所在位置|当前页面/u;
export const BREADCRUMB_SEPARATOR = /\s*(?:>>?|»|›|＞|→)\s*/gu;
export const BREADCRUMB_END = /(?:^|[>»›＞→\s])正文$/u;

/** The keyword list a CMS prints under an article: the key, then short items (or nothing). */
export const KEYWORDS_KEY = /^[[(（【]?\s*(?:(?:文章|本文|新闻)?关键[词字]|标签|tags?|热词)\s*[:：]?\s*/u;

const ROLES = '责任编辑|责编|本文编辑|文字编辑|实习编辑|值班编辑|网络编辑|视频编辑|图片编辑|编辑|主编|审核|审校|校对|编审|初审|复审|终审|[一二三]审|美编|排版|监制|签发|编校|统筹';

/** Editorial roles of a credit line: 责编 and its relatives. */
export const EDITOR_ROLE = new RegExp(ROLES, 'gu');

/** A line that starts with a role, behind an optional bracket: the cheap test before a credit is parsed. */
export const STARTS_WITH_ROLE = new RegExp(`^[[(（【]?\\s*(?:${ROLES})`, 'u');

/** Roles that never begin a sentence of prose, so they need no colon after them. */
export const UNAMBIGUOUS_ROLE = /^(?:责任编辑|责编)/u;

/** A name in a credit: a few Han characters (a staff code may follow), or a Latin name or code. */
export const CREDIT_NAME = /^(?:\p{Script=Han}{2,6}(?:_[a-z0-9]+)?|[a-z][a-z0-9_.]*)$/u;


/** A placeholder for an image the scraper dropped: 资料图, 图片来源: 网络, standing alone. */
export const PHOTO_PLACEHOLDER = new RegExp(
  '^[(（【\\[]?\\s*(?:' +
    alt([
      '资料图片?', '资料照片', '网络(?:图片|配图)', '示意图', '配图', '图片(?:来源|来自|由)\\s*[:：]?[^)）】\\]]{0,20}', '图源\\s*[:：]?[^)）】\\]]{0,20}',
      '图片', '图', '点击(?:查看)?大图', '(?:视频|图片)加载中[.…]*', '视频截图', '截图',
    ]) +
    ')\\s*[)）】\\]]?$',
  'u',
);

/** The header of a related-articles list. Checked only on short lines after the body. */
export const RELATED_HEADER = new RegExp(
  '^[【\\[]?\\s*(?:' +
    alt([
      '猜你(?:喜欢|感兴趣|想看)', '相关(?:阅读|新闻|文章|报道|链接|推荐|资讯|内容|专题|视频|稿件|话题|热点|事件)?', '(?:延伸|推荐|扩展|拓展)阅读',
      '(?:热门|热点|精彩|编辑|为你|为您|小编|今日|最新|独家|本站|网友|精选)推荐', '推荐(?:新闻|文章|内容|资讯|视频)',
      '(?:热门|热点|最新|精彩|今日|24小时|一周|本周|本月)(?:新闻|文章|资讯|内容|视频|图片|话题|热点|排行榜?|点击|关注|热议|阅读|专题|评论)?',
      '(?:阅读|点击|评论|新闻|热门|人气|热度|热文)(?:排行榜?|榜)', '大家都在看', '看了(?:本文|该文|这篇文章)的人还看了', '图片(?:新闻|故事)', '视频(?:新闻)?',
      '热帖', '往期(?:回顾|精彩|推荐)', '专题推荐', '更多(?:精彩|内容|资讯|新闻)?', '[你您]可能(?:还)?(?:喜欢|感兴趣)', '(?:精彩|热门)?(?:图集|组图)',
    ]) +
    ')\\s*[】\\]]?\\s*[:：>》»]*\\s*(?:更多\\s*[>》»]*)?$',
  'u',
);

/** The header of a comment thread: readers' text after it is not the article's. */
export const COMMENTS_HEADER = /^(?:[\d,]+\s*条评论|(?:网友|最新|热门|最热|全部|精彩)(?:评论|跟贴)|评论\s*[(（]?\d*[)）]?|跟贴\s*\d*|留言(?:板|区)?|我要评论|发表评论)$/u;

/** Channel names of news sites: a run of them before the headline is a menu even without an account link. */
export const CHANNEL = /^(?:首页|新闻|要闻|国内|国际|社会|时政|政务|财经|股票|基金|理财|科技|数码|手机|汽车|房产|家居|体育|娱乐|明星|电影|音乐|时尚|女性|健康|教育|旅游|美食|文化|历史|军事|游戏|动漫|星座|育儿|图片|视频|直播|评论|观点|专题|博客|论坛|本地|民生|法治|公益|读书)$/u;
