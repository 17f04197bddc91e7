<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Joined a group</source>
        <translation>加入了群</translation>
    </message>
    <message>
        <source>Left a group</source>
        <translation>退出了群</translation>
    </message>
    <message>
        <source>Edited a group</source>
        <translation>编辑了群</translation>
    </message>
    <message>
        <source>Deleted a group</source>
        <translation>删除了群</translation>
    </message>
    <message>
        <source>Added a contact</source>
        <translation>添加了群友</translation>
    </message>
    <message>
        <source>Edited a contact</source>
        <translation>编辑了群友</translation>
    </message>
    <message>
        <source>Changed trust</source>
        <translation>更改了信任状态</translation>
    </message>
    <message>
        <source>Deleted a contact</source>
        <translation>删除了群友</translation>
    </message>
    <message>
        <source>Merged contacts</source>
        <translation>合并了群友</translation>
    </message>
    <message>
        <source>Erased a contact</source>
        <translation>抹除了群友</translation>
    </message>
    <message>
        <source>Started a deal</source>
        <translation>发起了拼团/砍价</translation>
    </message>
    <message>
        <source>Joined a deal</source>
        <translation>参与了拼团/砍价</translation>
    </message>
    <message>
        <source>Edited a deal</source>
        <translation>编辑了拼团/砍价</translation>
    </message>
    <message>
        <source>Price cut</source>
        <translation>砍了一刀</translation>
    </message>
    <message>
        <source>Removed a price cut</source>
        <translation>撤销了一次砍价</translation>
    </message>
    <message>
        <source>Deal succeeded</source>
        <translation>拼团/砍价成功</translation>
    </message>
    <message>
        <source>Deal failed</source>
        <translation>拼团/砍价失败</translation>
    </message>
    <message>
        <source>Deal expired</source>
        <translation>拼团/砍价已过期</translation>
    </message>
    <message>
        <source>Deal cancelled</source>
        <translation>拼团/砍价已取消</translation>
    </message>
    <message>
        <source>Deal reopened</source>
        <translation>拼团/砍价已重新开启</translation>
    </message>
    <message>
        <source>Deleted a deal</source>
        <translation>删除了拼团/砍价</translation>
    </message>
    <message>
        <source>Asked for help</source>
        <translation>发起了求助</translation>
    </message>
    <message>
        <source>Edited a request</source>
        <translation>编辑了求助</translation>
    </message>
    <message>
        <source>Deleted a request</source>
        <translation>删除了求助</translation>
    </message>
    <message>
        <source>Helped</source>
        <translation>帮助他人</translation>
    </message>
    <message>
        <source>Got help</source>
        <translation>获得帮助</translation>
    </message>
    <message>
        <source>Edited a help</source>
        <translation>编辑了互助记录</translation>
    </message>
    <message>
        <source>Deleted a help</source>
        <translation>删除了互助记录</translation>
    </message>
    <message>
        <source>Settled up</source>
        <translation>已结清</translation>
    </message>
    <message>
        <source>Flagged a link</source>
        <translation>标记了可疑链接</translation>
    </message>
    <message>
        <source>Saved a share preset</source>
        <translation>保存了分享预设</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出了数据</translation>
    </message>
    <message>
        <source>preset &apos;{name}&apos;</source>
        <translation>预设“{name}”</translation>
    </message>
    <message>
        <source>{count} records</source>
        <translation>{count} 条记录</translation>
    </message>
</context>
<context>
    <name>BadgeDetailDialog</name>
    <message>
        <source>???</source>
        <translation>？？？</translation>
    </message>
    <message>
        <source>Badge: {title}</source>
        <translation>徽章：{title}</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>{tier} · {earned} of {total} tiers</source>
        <translation>{tier} · 已获得 {earned}/{total} 级</translation>
    </message>
    <message>
        <source>Not earned yet</source>
        <translation>尚未获得</translation>
    </message>
    <message>
        <source>A hidden achievement: keep playing to find it.</source>
        <translation>隐藏成就：继续玩下去就能发现它。</translation>
    </message>
    <message>
        <source>Progress to the next tier</source>
        <translation>距下一级的进度</translation>
    </message>
    <message>
        <source>Every tier earned.</source>
        <translation>已获得全部等级。</translation>
    </message>
    <message>
        <source>Next: {tier} at {threshold}</source>
        <translation>下一级：{tier}，需达到 {threshold}</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} 天</translation>
    </message>
    <message>
        <source>Reach {threshold}</source>
        <translation>达到 {threshold}</translation>
    </message>
    <message>
        <source>Earned {when}</source>
        <translation>{when} 获得</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>已获得</translation>
    </message>
    <message>
        <source>Earned {when} by completing the quest “{quest}”: {fact}</source>
        <translation>{when} 完成任务「{quest}」获得：{fact}</translation>
    </message>
    <message>
        <source>Earned {when}: {fact}</source>
        <translation>{when} 获得：{fact}</translation>
    </message>
    <message>
        <source>{kind} ({amount})</source>
        <translation>{kind}（{amount}）</translation>
    </message>
    <message>
        <source>{what} for {contact} in {group}</source>
        <translation>在{group}为{contact}{what}</translation>
    </message>
    <message>
        <source>{what} for {contact}</source>
        <translation>为{contact}{what}</translation>
    </message>
    <message>
        <source>{what}: {name} in {group}</source>
        <translation>在{group}{what}：{name}</translation>
    </message>
    <message>
        <source>{what}: {name}</source>
        <translation>{what}：{name}</translation>
    </message>
    <message>
        <source>{what} in {group}</source>
        <translation>在{group}{what}</translation>
    </message>
</context>
<context>
    <name>BadgesPage</name>
    <message>
        <source>Badges</source>
        <translation>徽章</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>???</source>
        <translation>？？？</translation>
    </message>
    <message>
        <source>Not earned yet</source>
        <translation>尚未获得</translation>
    </message>
    <message>
        <source>{earned} of {total} achievements earned</source>
        <translation>已获得 {earned}/{total} 个成就</translation>
    </message>
    <message>
        <source>A hidden achievement: keep playing to find it.</source>
        <translation>隐藏成就：继续玩下去就能发现它。</translation>
    </message>
    <message>
        <source>Next tier: {tier} at {value}</source>
        <translation>下一级：{tier}，需达到 {value}</translation>
    </message>
</context>
<context>
    <name>BalanceTableModel</name>
    <message>
        <source>Contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>帮助他人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>获得帮助</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>互助往来</translation>
    </message>
    <message>
        <source>Cut for them</source>
        <translation>我帮TA砍</translation>
    </message>
    <message>
        <source>Cut for you</source>
        <translation>TA帮我砍</translation>
    </message>
    <message>
        <source>{name} (blocked)</source>
        <translation>{name}（已拉黑）</translation>
    </message>
    <message>
        <source>You helped {name} more often than they helped you.</source>
        <translation>你帮助{name}的次数多于TA帮助你的次数。</translation>
    </message>
    <message>
        <source>{name} helped you more often than you helped them.</source>
        <translation>{name}帮助你的次数多于你帮助TA的次数。</translation>
    </message>
    <message>
        <source>You and {name} are even.</source>
        <translation>你和{name}互不相欠。</translation>
    </message>
    <message>
        <source>Cut for them: {given} · Cut for you: {received}</source>
        <translation>我帮TA砍：{given} · TA帮我砍：{received}</translation>
    </message>
</context>
<context>
    <name>CalendarHeatmap</name>
    <message>
        <source>{date}: {count} entries</source>
        <translation>{date}：{count} 条记录</translation>
    </message>
    <message>
        <source>A rest day: the streak went on</source>
        <translation>休息日：连续天数没有中断</translation>
    </message>
    <message>
        <source>Less</source>
        <translation>少</translation>
    </message>
    <message>
        <source>More</source>
        <translation>多</translation>
    </message>
    <message>
        <source>Rest day</source>
        <translation>休息日</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <source>Charts</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Nothing recorded in the last year yet: each help, request or deal you log colours its day here.</source>
        <translation>过去一年还没有记录：你记下的每次互助、求助或拼团砍价，都会在这里点亮那一天。</translation>
    </message>
    <message>
        <source>No helps yet: the helps you give and receive show here, month by month.</source>
        <translation>还没有互助：你帮别人和别人帮你的次数会按月显示在这里。</translation>
    </message>
    <message>
        <source>No points yet: helping others earns them, and they show here week by week.</source>
        <translation>还没有积分：帮助别人就能获得积分，这里会按周显示。</translation>
    </message>
    <message>
        <source>No money saved yet: when a deal of your own succeeds, what it saved shows here.</source>
        <translation>还没有省下钱：你自己的拼团砍价成功后，省下的钱会显示在这里。</translation>
    </message>
    <message>
        <source>Activity in the last year</source>
        <translation>过去一年的记录</translation>
    </message>
    <message>
        <source>Helps given and received per month</source>
        <translation>每月我帮TA与TA帮我</translation>
    </message>
    <message>
        <source>Money saved by your deals</source>
        <translation>拼团砍价省下的钱</translation>
    </message>
    <message>
        <source>Points over time</source>
        <translation>积分变化</translation>
    </message>
    <message>
        <source>{entries} entries on {days} days since {date} · {rest} rest days</source>
        <translation>自 {date} 起共 {days} 天有记录，共 {entries} 条 · 休息日 {rest} 天</translation>
    </message>
    <message>
        <source>MMMM d, yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>TA帮我</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Saved in all</source>
        <translation>累计省下</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>Given: {count}</source>
        <translation>我帮TA：{count}</translation>
    </message>
    <message>
        <source>Received: {count}</source>
        <translation>TA帮我：{count}</translation>
    </message>
    <message>
        <source>Week of {date}</source>
        <translation>{date} 这一周</translation>
    </message>
    <message>
        <source>Earned that week: {points}</source>
        <translation>本周获得：{points}</translation>
    </message>
    <message>
        <source>Points in all: {points}</source>
        <translation>累计积分：{points}</translation>
    </message>
    <message>
        <source>Saved that month: {money}</source>
        <translation>当月省下：{money}</translation>
    </message>
    <message>
        <source>Saved in all: {money}</source>
        <translation>累计省下：{money}</translation>
    </message>
</context>
<context>
    <name>ChatImport</name>
    <message>
        <source>This entry is logged already: the chat was imported before.</source>
        <translation>这条记录已经记下了：这段聊天记录以前导入过。</translation>
    </message>
</context>
<context>
    <name>ChatReviewDialog</name>
    <message>
        <source>Import a chat</source>
        <translation>导入聊天记录</translation>
    </message>
    <message>
        <source>Chat exports (*.csv *.txt)</source>
        <translation>聊天记录导出文件 (*.csv *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>No group yet</source>
        <translation>还没有群</translation>
    </message>
    <message>
        <source>Add the chat&apos;s group on the Groups page first: what the chat proposes is logged in one of your groups.</source>
        <translation>请先在“群”页面添加这个聊天所在的群：聊天记录里提议的条目会记在你的某个群里。</translation>
    </message>
    <message>
        <source>Import chat</source>
        <translation>导入聊天记录</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Cannot import this chat</source>
        <translation>无法导入这份聊天记录</translation>
    </message>
    <message>
        <source>Only a WeChatMsg CSV export or a QQ text export can be read. Nothing was changed.</source>
        <translation>只能读取 WeChatMsg 导出的 CSV 或 QQ 导出的文本文件。没有做任何更改。</translation>
    </message>
    <message>
        <source>Review the chat: {file}</source>
        <translation>审阅聊天记录：{file}</translation>
    </message>
    <message>
        <source>{file}: {messages} messages, {count} proposals. Nothing is logged until you accept it; the chat itself is not kept.</source>
        <translation>{file}：{messages} 条消息，{count} 条提议。你接受之前什么都不会记下；聊天记录本身不会保存。</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Log &amp;in group:</source>
        <translation>记在群(&amp;I)：</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>提议</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>Log the selected proposal (Enter or A)</source>
        <translation>记下选中的提议（Enter 或 A）</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change it in the quick log before it is logged (E)</source>
        <translation>记下之前先在快速记录里修改（E）</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>跳过(&amp;S)</translation>
    </message>
    <message>
        <source>Leave it out: nothing is logged (S or Delete)</source>
        <translation>跳过：什么都不记（S 或 Delete）</translation>
    </message>
    <message>
        <source>Accept a&amp;ll</source>
        <translation>全部接受(&amp;L)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>One share was left out as too old: an entry may not be more than a year before you began using Pintuan Quest.</source>
        <translation>有 1 条分享太旧，没有列出：记录的时间不能早于你开始使用拼团任务之前一年。</translation>
    </message>
    <message>
        <source>{count} shares were left out as too old: an entry may not be more than a year before you began using Pintuan Quest.</source>
        <translation>{count} 条分享太旧，没有列出：记录的时间不能早于你开始使用拼团任务之前一年。</translation>
    </message>
    <message>
        <source>One share dated in the future was left out.</source>
        <translation>有 1 条时间在未来的分享没有列出。</translation>
    </message>
    <message>
        <source>{count} shares dated in the future were left out.</source>
        <translation>{count} 条时间在未来的分享没有列出。</translation>
    </message>
    <message>
        <source>You asked</source>
        <translation>你的求助</translation>
    </message>
    <message>
        <source>Help asked of you</source>
        <translation>请你帮忙</translation>
    </message>
    <message>
        <source>Group buy</source>
        <translation>拼团</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Check it</source>
        <translation>需核实</translation>
    </message>
    <message>
        <source>Dangerous</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Done: {count} logged from this chat.</source>
        <translation>完成：从这份聊天记录记下了 {count} 条。</translation>
    </message>
    <message>
        <source>Logged: {title}</source>
        <translation>已记下：{title}</translation>
    </message>
    <message>
        <source>Logging… {count} left</source>
        <translation>正在记录…还剩 {count} 条</translation>
    </message>
    <message>
        <source>{count} could not be logged and stay in the list; the first: {why}</source>
        <translation>{count} 条没能记下，仍留在列表里；第一条的原因：{why}</translation>
    </message>
    <message>
        <source>Group price in the chat: {price}</source>
        <translation>聊天记录里的拼团价：{price}</translation>
    </message>
    <message>
        <source>“{title}” is in the Deals page&apos;s form: save it there.</source>
        <translation>“{title}”已填入拼团砍价页面的表单：请在那里保存。</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>&amp;Yes</source>
        <translation>是(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>否(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ContactDealModel</name>
    <message>
        <source>Deal</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>You helped</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Helped you</source>
        <translation>TA帮我</translation>
    </message>
    <message>
        <source>Cut ¥</source>
        <translation>砍掉 ¥</translation>
    </message>
    <message>
        <source>Cut off the price in the bargain cuts exchanged with this contact</source>
        <translation>与该群友互相砍价时砍掉的金额</translation>
    </message>
</context>
<context>
    <name>ContactDetailView</name>
    <message>
        <source>Balance with this contact</source>
        <translation>与该群友的互助往来</translation>
    </message>
    <message>
        <source>Exchanges with this contact</source>
        <translation>与该群友的互助记录</translation>
    </message>
    <message>
        <source>&amp;Edit exchange…</source>
        <translation>编辑记录(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected exchange</source>
        <translation>编辑选中的互助记录</translation>
    </message>
    <message>
        <source>Correct who, what, how much or when (double-click works too)</source>
        <translation>更正对象、类型、金额或时间（双击也可以）</translation>
    </message>
    <message>
        <source>De&amp;lete exchange…</source>
        <translation>删除记录(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete the selected exchange</source>
        <translation>删除选中的互助记录</translation>
    </message>
    <message>
        <source>A help logged by mistake: remove it (the history keeps a note)</source>
        <translation>记错的互助：删除它（历史记录会保留一条说明）</translation>
    </message>
    <message>
        <source>No help exchanged yet. Log one with Ctrl+N.</source>
        <translation>还没有互助记录。按 Ctrl+N 记一笔。</translation>
    </message>
    <message>
        <source>Groups of this contact</source>
        <translation>该群友所在的群</translation>
    </message>
    <message>
        <source>Deals with this contact</source>
        <translation>与该群友相关的拼团砍价</translation>
    </message>
    <message>
        <source>In no group.</source>
        <translation>不在任何群里。</translation>
    </message>
    <message>
        <source>No deal yet.</source>
        <translation>还没有拼团砍价。</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>About this contact</source>
        <translation>关于该群友</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>资料(&amp;D)</translation>
    </message>
    <message>
        <source>Nickname, trust, WeChat ID, phone, groups and notes</source>
        <translation>昵称、信任状态、微信号、手机号、所在群和备注</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>E&amp;xchanges ({count})</source>
        <translation>互助记录（{count}）(&amp;X)</translation>
    </message>
    <message>
        <source>Gro&amp;ups and deals ({count})</source>
        <translation>群和拼团砍价（{count}）(&amp;U)</translation>
    </message>
    <message>
        <source>No help exchanged with {name} yet.</source>
        <translation>与{name}还没有互助往来。</translation>
    </message>
    <message>
        <source>{name} owes you: you helped them {count} more times than they helped you.</source>
        <translation>{name}欠你人情：你帮 TA 比 TA 帮你多 {count} 次。</translation>
    </message>
    <message>
        <source>You owe {name}: they helped you {count} more times than you helped them.</source>
        <translation>你欠{name}人情：TA 帮你比你帮 TA 多 {count} 次。</translation>
    </message>
    <message>
        <source>You and {name} are even.</source>
        <translation>你和{name}互不相欠。</translation>
    </message>
    <message>
        <source>Since you settled up on {date}: you helped them {given}× ({given_money}), they helped you {received}× ({received_money}).</source>
        <translation>自 {date} 结清以来：你帮了 TA {given} 次（{given_money}），TA 帮了你 {received} 次（{received_money}）。</translation>
    </message>
    <message>
        <source>You helped them {given}× ({given_money}), they helped you {received}× ({received_money}).</source>
        <translation>你帮了 TA {given} 次（{given_money}），TA 帮了你 {received} 次（{received_money}）。</translation>
    </message>
    <message>
        <source>{count} exchanges in all, on {first}.</source>
        <translation>共 {count} 次互助，都在 {first}。</translation>
    </message>
    <message>
        <source>{count} exchanges in all, from {first} to {last}.</source>
        <translation>共 {count} 次互助，从 {first} 到 {last}。</translation>
    </message>
</context>
<context>
    <name>ContactExchangeModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>¥</source>
        <translation>¥</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>You helped</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Helped you</source>
        <translation>TA帮我</translation>
    </message>
    <message>
        <source>Before your last settlement: not in the balance</source>
        <translation>在上次结清之前：不计入互助往来</translation>
    </message>
</context>
<context>
    <name>ContactGroupModel</name>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>互助往来</translation>
    </message>
    <message>
        <source>You helped</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Helped you</source>
        <translation>TA帮我</translation>
    </message>
    <message>
        <source>Given ¥</source>
        <translation>帮助他人 ¥</translation>
    </message>
    <message>
        <source>Received ¥</source>
        <translation>获得帮助 ¥</translation>
    </message>
    <message>
        <source>{name} (no longer a member)</source>
        <translation>{name}（已不在群里）</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信任状态</translation>
    </message>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>信任</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已拉黑</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Contacts</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Search contacts by nickname</source>
        <translation>按昵称搜索群友</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>搜索群友</translation>
    </message>
    <message>
        <source>No contacts yet. Press New to add someone you help or who helps you.</source>
        <translation>还没有群友。点击“新建”，添加你帮助过或帮助过你的人。</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新建群友</translation>
    </message>
    <message>
        <source>Save contact</source>
        <translation>保存群友</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>删除群友</translation>
    </message>
    <message>
        <source>Delete the contact &apos;{name}&apos;? This cannot be undone.</source>
        <translation>确定删除群友“{name}”吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>e.g. 小美</source>
        <translation>例如：小美</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信任状态</translation>
    </message>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Groups of this contact</source>
        <translation>该群友所在的群</translation>
    </message>
    <message>
        <source>Tick the groups this contact is in</source>
        <translation>勾选该群友所在的群</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Nickname</source>
        <translation>昵称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Trust</source>
        <translation>信任状态(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;WeChat ID</source>
        <translation>微信号(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>手机号(&amp;P)</translation>
    </message>
    <message>
        <source>G&amp;roups</source>
        <translation>所在群(&amp;R)</translation>
    </message>
    <message>
        <source>Erase…</source>
        <translation>抹除…</translation>
    </message>
    <message>
        <source>Erase this contact</source>
        <translation>抹除这位群友</translation>
    </message>
    <message>
        <source>Take this contact&apos;s nickname, WeChat ID, phone and notes out of everything, backups included; their helps stay under a pseudonym</source>
        <translation>从所有地方（包括备份）删去这位群友的昵称、微信号、手机号和备注；与其互助的记录以化名保留</translation>
    </message>
    <message>
        <source>Erase this contact…</source>
        <translation>抹除这位群友…</translation>
    </message>
    <message>
        <source>Delete this exchange ({what}, {when})? The history keeps a note that it was removed.</source>
        <translation>删除这条互助记录（{what}，{when}）吗？历史记录会保留一条删除说明。</translation>
    </message>
    <message>
        <source>Delete exchange?</source>
        <translation>删除互助记录？</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>the quick integrity check found problems</source>
        <translation>快速完整性检查发现了问题</translation>
    </message>
</context>
<context>
    <name>CutChart</name>
    <message>
        <source>Cut curve</source>
        <translation>砍价曲线</translation>
    </message>
    <message>
        <source>No prices to draw yet</source>
        <translation>还没有可画的价格</translation>
    </message>
    <message>
        <source>{count} helpers</source>
        <translation>{count} 人</translation>
    </message>
    <message>
        <source>No cuts yet</source>
        <translation>还没有人砍</translation>
    </message>
    <message>
        <source>Cut {number}: −{amount} → {price}</source>
        <translation>第 {number} 刀：−{amount} → {price}</translation>
    </message>
    <message>
        <source>{count} cuts from {original} to {current}</source>
        <translation>{count} 刀，从 {original} 砍到 {current}</translation>
    </message>
</context>
<context>
    <name>CutCurve</name>
    <message>
        <source>a rough guess</source>
        <translation>只是粗略估计</translation>
    </message>
    <message>
        <source>fairly sure</source>
        <translation>比较可信</translation>
    </message>
    <message>
        <source>quite sure</source>
        <translation>相当可信</translation>
    </message>
    <message>
        <source>learned from {count} of your bargains, {sure}</source>
        <translation>依据你的 {count} 次砍价，{sure}</translation>
    </message>
    <message>
        <source>likely {low} or more</source>
        <translation>多半 {low} 人或更多</translation>
    </message>
    <message>
        <source>likely {low}–{high}</source>
        <translation>多半 {low}–{high} 人</translation>
    </message>
    <message>
        <source>every pace seen gives the same</source>
        <translation>各种砍价节奏结果相同</translation>
    </message>
    <message>
        <source>About 1 more helper ({likely}; {learned})</source>
        <translation>大约还需 1 人帮砍（{likely}；{learned}）</translation>
    </message>
    <message>
        <source>About {count} more helpers ({likely}; {learned})</source>
        <translation>大约还需 {count} 人帮砍（{likely}；{learned}）</translation>
    </message>
    <message>
        <source>More than {count} more helpers at this pace ({learned})</source>
        <translation>照这个节奏还需超过 {count} 人帮砍（{learned}）</translation>
    </message>
    <message>
        <source>Target price reached: no more helpers needed.</source>
        <translation>已砍到目标价，不再需要帮砍。</translation>
    </message>
    <message>
        <source>No cuts yet: the forecast of helpers still needed starts with the first cut.</source>
        <translation>还没有人砍：砍下第一刀后开始预测还需几人帮砍。</translation>
    </message>
    <message>
        <source>No forecast yet: it learns from your finished bargains with three cuts or more, and there are none yet.</source>
        <translation>暂无预测：预测要从你已结束、至少砍过三刀的砍价中学习，目前还没有。</translation>
    </message>
    <message>
        <source>No forecast for someone else&apos;s bargain: only the cuts you know of are logged.</source>
        <translation>别人的砍价不做预测：这里只记着你知道的那几刀。</translation>
    </message>
    <message>
        <source>No forecast: this bargain has no target price.</source>
        <translation>无法预测：这个砍价没有目标价。</translation>
    </message>
</context>
<context>
    <name>CutTableModel</name>
    <message>
        <source>Helper</source>
        <translation>助力人</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>砍掉金额</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Someone ×{count}</source>
        <translation>某人 ×{count}</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <source>{count} cuts by helpers without a name:</source>
        <translation>未留名的好友砍了 {count} 刀：</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 刀</translation>
    </message>
</context>
<context>
    <name>DealTableModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>现价</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Group buy</source>
        <translation>拼团</translation>
    </message>
    <message>
        <source>Bargain</source>
        <translation>砍价</translation>
    </message>
    <message>
        <source>Boost</source>
        <translation>助力</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>{when} ({left})</source>
        <translation>{when}（{left}）</translation>
    </message>
    <message>
        <source>Target reached</source>
        <translation>已砍到目标价</translation>
    </message>
    <message>
        <source>{percent}% cut</source>
        <translation>已砍 {percent}%</translation>
    </message>
    <message>
        <source>{count} joined</source>
        <translation>已参与 {count} 人</translation>
    </message>
    <message>
        <source>Full ({joined}/{needed})</source>
        <translation>人数已满（{joined}/{needed}）</translation>
    </message>
    <message>
        <source>Needs {count} more</source>
        <translation>还差{count}人成团</translation>
    </message>
    <message>
        <source>Boosts to go: {count}</source>
        <translation>还差{count}人助力</translation>
    </message>
    <message>
        <source>{original} → target {target}, now {current}: {cut} of {total} cut</source>
        <translation>原价 {original} → 目标价 {target}，现价 {current}：已砍 {cut}/{total}</translation>
    </message>
    <message>
        <source>{joined} of {needed} joined</source>
        <translation>已参与 {joined}/{needed} 人</translation>
    </message>
    <message>
        <source>{status}, archived</source>
        <translation>{status}，已归档</translation>
    </message>
</context>
<context>
    <name>DealsPage</name>
    <message>
        <source>No group</source>
        <translation>无群</translation>
    </message>
    <message>
        <source>Open link in browser…</source>
        <translation>在浏览器中打开链接…</translation>
    </message>
    <message>
        <source>Flag link as suspicious</source>
        <translation>标记为可疑链接</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Search deals by title</source>
        <translation>按标题搜索拼团砍价</translation>
    </message>
    <message>
        <source>Search deals</source>
        <translation>搜索拼团砍价</translation>
    </message>
    <message>
        <source>No deals yet. Press New to log a group buy, a bargain or a boost.</source>
        <translation>还没有拼团砍价。点击“新建”，记录一次拼团、砍价或助力。</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>新建拼团砍价</translation>
    </message>
    <message>
        <source>Save deal</source>
        <translation>保存拼团砍价</translation>
    </message>
    <message>
        <source>Delete deal</source>
        <translation>删除拼团砍价</translation>
    </message>
    <message>
        <source>Delete the deal &apos;{name}&apos;? This cannot be undone.</source>
        <translation>确定删除拼团砍价“{name}”吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Kind of deal</source>
        <translation>拼团砍价类型</translation>
    </message>
    <message>
        <source>Deal title</source>
        <translation>拼团砍价标题</translation>
    </message>
    <message>
        <source>e.g. 婴儿推车</source>
        <translation>例如：婴儿推车</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Ope&amp;n…</source>
        <translation>打开(&amp;N)…</translation>
    </message>
    <message>
        <source>Open the link in your browser</source>
        <translation>在浏览器中打开链接</translation>
    </message>
    <message>
        <source>Open the link in your browser (asks first)</source>
        <translation>在浏览器中打开链接（会先询问）</translation>
    </message>
    <message>
        <source>Fl&amp;ag…</source>
        <translation>标记可疑(&amp;A)…</translation>
    </message>
    <message>
        <source>Flag this link as suspicious</source>
        <translation>把这个链接标记为可疑</translation>
    </message>
    <message>
        <source>Flag this link as suspicious: your history keeps it, with what the check says of it</source>
        <translation>把这个链接标记为可疑：动态里会记下它和检查结果</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>I started this deal</source>
        <translation>这是我发起的</translation>
    </message>
    <message>
        <source>My own deal</source>
        <translation>我发起的</translation>
    </message>
    <message>
        <source>Original price in yuan</source>
        <translation>原价（元）</translation>
    </message>
    <message>
        <source>Original ¥</source>
        <translation>原价 ¥</translation>
    </message>
    <message>
        <source>Target price in yuan</source>
        <translation>目标价（元）</translation>
    </message>
    <message>
        <source>Target ¥</source>
        <translation>目标价 ¥</translation>
    </message>
    <message>
        <source>Current price in yuan</source>
        <translation>现价（元）</translation>
    </message>
    <message>
        <source>Now ¥</source>
        <translation>现价 ¥</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现价</translation>
    </message>
    <message>
        <source>Screenshot of the deal</source>
        <translation>拼团砍价截图</translation>
    </message>
    <message>
        <source>G&amp;roup</source>
        <translation>群(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;creenshot</source>
        <translation>截图(&amp;C)</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Price tiers</source>
        <translation>价格档位</translation>
    </message>
    <message>
        <source>Price (¥)</source>
        <translation>价格（¥）</translation>
    </message>
    <message>
        <source>A&amp;dd tier</source>
        <translation>添加档位(&amp;D)</translation>
    </message>
    <message>
        <source>Add a price tier</source>
        <translation>添加一个价格档位</translation>
    </message>
    <message>
        <source>Add a price tier (Insert in the table)</source>
        <translation>添加一个价格档位（在表格中按 Insert）</translation>
    </message>
    <message>
        <source>Re&amp;move tier</source>
        <translation>删除档位(&amp;M)</translation>
    </message>
    <message>
        <source>Remove the selected price tier</source>
        <translation>删除选中的价格档位</translation>
    </message>
    <message>
        <source>Remove the selected price tier (Delete in the table)</source>
        <translation>删除选中的价格档位（在表格中按 Delete）</translation>
    </message>
    <message>
        <source>Tier {row}: the participants must be a whole number, at least 2.</source>
        <translation>第 {row} 档：人数须为整数，至少 2 人。</translation>
    </message>
    <message>
        <source>Tiers {first} and {row} are both for {count} participants.</source>
        <translation>第 {first} 档和第 {row} 档都是 {count} 人。</translation>
    </message>
    <message>
        <source>Tier {row} needs a price.</source>
        <translation>第 {row} 档还没有填价格。</translation>
    </message>
    <message>
        <source>Tier {row}: &apos;{price}&apos; is not a price in yuan above zero, with at most two decimals (e.g. 29.90).</source>
        <translation>第 {row} 档：“{price}”不是大于零、最多两位小数的元金额（例如 29.90）。</translation>
    </message>
    <message>
        <source>More participants must not cost more: {more} people pay {dearer}, {people} people {price}.</source>
        <translation>人数越多，价格不能越高：{more} 人要 {dearer}，{people} 人却只要 {price}。</translation>
    </message>
    <message>
        <source>Participants needed</source>
        <translation>所需人数</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Participants joined</source>
        <translation>已参与人数</translation>
    </message>
    <message>
        <source>joined</source>
        <translation>已参与</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止于</translation>
    </message>
    <message>
        <source>Has a deadline</source>
        <translation>设有截止时间</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>链接(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation>价格(&amp;P)</translation>
    </message>
    <message>
        <source>T&amp;iers</source>
        <translation>档位(&amp;I)</translation>
    </message>
    <message>
        <source>N&amp;eeded</source>
        <translation>所需人数(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>期限(&amp;W)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Deal progress</source>
        <translation>拼团砍价进度</translation>
    </message>
    <message>
        <source>Cuts of this bargain</source>
        <translation>本次砍价的砍刀记录</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Mark the deal as succeeded</source>
        <translation>标记为成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Mark the deal as failed</source>
        <translation>标记为失败</translation>
    </message>
    <message>
        <source>Cancel deal</source>
        <translation>取消这单</translation>
    </message>
    <message>
        <source>Cancel the deal</source>
        <translation>取消这次拼团砍价</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新开启</translation>
    </message>
    <message>
        <source>Reopen the deal</source>
        <translation>重新开启这次拼团砍价</translation>
    </message>
    <message>
        <source>Progress · {status}</source>
        <translation>进度 · {status}</translation>
    </message>
    <message>
        <source>{cut} of {total} cut</source>
        <translation>已砍 {cut}/{total}</translation>
    </message>
    <message>
        <source>{left} left to cut</source>
        <translation>还差 {left}</translation>
    </message>
    <message>
        <source>Target price reached</source>
        <translation>已达到目标价</translation>
    </message>
    <message>
        <source>Now {price}</source>
        <translation>现价 {price}</translation>
    </message>
    <message>
        <source>{count} cuts by {helpers} helpers · {original} → now {current} (target {target})</source>
        <translation>{helpers} 人砍了 {count} 刀 · {original} → 现价 {current}（目标价 {target}）</translation>
    </message>
    <message>
        <source>No cuts yet: ask your groups to help (帮砍一刀).</source>
        <translation>还没人砍：去群里请大家帮砍一刀吧。</translation>
    </message>
    <message>
        <source>{joined}/{needed} joined</source>
        <translation>已参与 {joined}/{needed} 人</translation>
    </message>
    <message>
        <source>{count} more needed</source>
        <translation>还差 {count} 人</translation>
    </message>
    <message>
        <source>Enough people have joined</source>
        <translation>人数已够</translation>
    </message>
    <message>
        <source>{joined} joined</source>
        <translation>已参与 {joined} 人</translation>
    </message>
    <message>
        <source>{count} people {price}</source>
        <translation>{count} 人 {price}</translation>
    </message>
    <message>
        <source>Price now {price} · tiers:</source>
        <translation>现价 {price} · 档位：</translation>
    </message>
    <message>
        <source>No deadline</source>
        <translation>无截止时间</translation>
    </message>
    <message>
        <source>Ends {when} · {left}</source>
        <translation>{when} 截止 · {left}</translation>
    </message>
    <message>
        <source>Deadline was {when}</source>
        <translation>已于 {when} 截止</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>DueDealsModel</name>
    <message>
        <source>Deal</source>
        <translation>拼团/砍价</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>{current} → {target}</source>
        <translation>{current} → {target}</translation>
    </message>
    <message>
        <source>{joined} of {needed} joined</source>
        <translation>已参与 {joined}/{needed} 人</translation>
    </message>
    <message>
        <source>{kind}: {title}</source>
        <translation>{kind}：{title}</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>group rules</source>
        <translation>群规</translation>
    </message>
    <message>
        <source>Backups rewritten without it: {count}.</source>
        <translation>已重写备份 {count} 个，其中不再含有这些信息。</translation>
    </message>
    <message>
        <source>Backups removed because they could not be rewritten: {count}.</source>
        <translation>无法重写而已删除的备份：{count} 个。</translation>
    </message>
    <message>
        <source>These could be neither rewritten nor removed: delete them yourself: {paths}</source>
        <translation>以下文件既无法重写也无法删除，请手动删除：{paths}</translation>
    </message>
    <message>
        <source>Erasing</source>
        <translation>正在抹除</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>抹除(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Erase this contact?</source>
        <translation>抹除这位群友？</translation>
    </message>
    <message>
        <source>Erase {name} for good?</source>
        <translation>要永久抹除“{name}”吗？</translation>
    </message>
    <message>
        <source>Goes: their nickname, WeChat ID, phone number and notes, and your notes on settling up with them, from the contact, from every earlier version kept in the history, and from your backups (in both backup folders).
Stays: every help and settlement with them, under a pseudonym (&quot;Member #…&quot;), so your balances, points and badges do not change. Files you exported before are not touched.
This cannot be undone.</source>
        <translation>删去：其昵称、微信号、手机号和备注，以及你与其结清时写的备注——从群友资料、动态中保存的每个旧版本、以及你的备份（两个备份文件夹）中删去。
保留：与其的每次互助和结清，以化名（“群友 #…”）保留，你的互助往来、积分和徽章不变。之前导出的文件不受影响。
此操作无法撤销。</translation>
    </message>
    <message>
        <source>Erasing {name}…</source>
        <translation>正在抹除“{name}”…</translation>
    </message>
    <message>
        <source>{name} is now {pseudonym}.</source>
        <translation>“{name}”现在显示为“{pseudonym}”。</translation>
    </message>
    <message>
        <source>Contact erased</source>
        <translation>已抹除群友</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>&amp;Remove it</source>
        <translation>删除旧值(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>Remove the old value?</source>
        <translation>删除旧值？</translation>
    </message>
    <message>
        <source>Also remove the old value from the history?</source>
        <translation>是否也从动态记录中删除旧值？</translation>
    </message>
    <message>
        <source>You cleared: {fields}. Removing takes every earlier value out of the history and your backups; the history then only says that it changed.</source>
        <translation>你清空了：{fields}。删除后，动态记录和备份中不再保留以前的值，只记下它改过。</translation>
    </message>
    <message>
        <source>Wiping everything…</source>
        <translation>正在清除全部数据…</translation>
    </message>
    <message>
        <source>Backups removed: {count}.</source>
        <translation>已删除备份 {count} 个。</translation>
    </message>
    <message>
        <source>These could not be removed: delete them yourself: {paths}</source>
        <translation>以下文件无法删除，请手动删除：{paths}</translation>
    </message>
    <message>
        <source>Everything wiped</source>
        <translation>已清除全部数据</translation>
    </message>
    <message>
        <source>All your data was deleted; a new, empty profile starts.</source>
        <translation>你的所有数据已删除，将从一个新的空白档案开始。</translation>
    </message>
</context>
<context>
    <name>ExchangeTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>¥</source>
        <translation>¥</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Bargain cut</source>
        <translation>砍一刀</translation>
    </message>
    <message>
        <source>Joined group buy</source>
        <translation>参与拼团</translation>
    </message>
    <message>
        <source>Boost click</source>
        <translation>助力</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>分享</translation>
    </message>
    <message>
        <source>Other help</source>
        <translation>其他帮助</translation>
    </message>
    <message>
        <source>You helped</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Helped you</source>
        <translation>TA帮我</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>Share presets</source>
        <translation>分享预设</translation>
    </message>
    <message>
        <source>&amp;New preset…</source>
        <translation>新建预设(&amp;N)…</translation>
    </message>
    <message>
        <source>Choose for each kind of data: share it, generalise it or leave it out</source>
        <translation>为每类数据选择：分享、概括或不包含</translation>
    </message>
    <message>
        <source>&amp;Delete preset</source>
        <translation>删除预设(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected preset of yours (asks first)</source>
        <translation>删除所选的自定义预设（会先询问）</translation>
    </message>
    <message>
        <source>What it shares</source>
        <translation>会分享什么</translation>
    </message>
    <message>
        <source>What the preset shares</source>
        <translation>该预设分享的内容</translation>
    </message>
    <message>
        <source>Preview: what would leave</source>
        <translation>预览：将导出的内容</translation>
    </message>
    <message>
        <source>What would leave</source>
        <translation>将导出的内容</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>JSON (one file)</source>
        <translation>JSON（单个文件）</translation>
    </message>
    <message>
        <source>CSV for spreadsheets (a .zip)</source>
        <translation>CSV，供表格软件使用（.zip）</translation>
    </message>
    <message>
        <source>Report to read, as a web page (HTML)</source>
        <translation>供阅读的报告，网页（HTML）</translation>
    </message>
    <message>
        <source>Report to read or print (PDF)</source>
        <translation>供阅读或打印的报告（PDF）</translation>
    </message>
    <message>
        <source>Share card (a .png picture)</source>
        <translation>分享卡片（一张 .png 图片）</translation>
    </message>
    <message>
        <source>Open Badges (a .zip of baked .png badges)</source>
        <translation>开放徽章（.zip，内含嵌入凭证的 .png 徽章）</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Write your history with the selected preset to a file</source>
        <translation>按所选预设把你的历史写入文件</translation>
    </message>
    <message>
        <source>See the share card of the selected preset, then save it as a picture</source>
        <translation>查看所选预设的分享卡片，再保存为图片</translation>
    </message>
    <message>
        <source>&amp;Import a backup…</source>
        <translation>导入备份(&amp;I)…</translation>
    </message>
    <message>
        <source>Bring in a backup export from another computer or from before: it is merged with your data, and you see what changes first</source>
        <translation>导入来自另一台电脑或以前的备份导出：它会与你的数据合并，并先让你看到会有哪些变化</translation>
    </message>
    <message>
        <source>Exports made</source>
        <translation>导出记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>No exports yet. Each export is listed here: when, with which preset, and how many records left.</source>
        <translation>还没有导出。每次导出都会列在这里：时间、所用预设、导出了多少条记录。</translation>
    </message>
    <message>
        <source>Export and import result</source>
        <translation>导出与导入结果</translation>
    </message>
    <message>
        <source>{name} (yours)</source>
        <translation>{name}（自定义）</translation>
    </message>
    <message>
        <source>Backup: everything, to restore or move to another computer</source>
        <translation>备份：全部数据，用于恢复或迁移到另一台电脑</translation>
    </message>
    <message>
        <source>Friends: no one else&apos;s details, pseudonyms instead</source>
        <translation>朋友：不含他人信息，以化名代替</translation>
    </message>
    <message>
        <source>Public: level, points, badges and counts only</source>
        <translation>公开：只有等级、积分、徽章和数量</translation>
    </message>
    <message>
        <source>Kinds of data</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <source>Records, by kind</source>
        <translation>各类记录</translation>
    </message>
    <message>
        <source>one by one</source>
        <translation>逐条导出</translation>
    </message>
    <message>
        <source>only their number</source>
        <translation>只导出数量</translation>
    </message>
    <message>
        <source>Counts, levels, points and badges</source>
        <translation>数量、等级、积分和徽章</translation>
    </message>
    <message>
        <source>Your own details (groups, deals, notes, times)</source>
        <translation>你自己的信息（群、拼团/砍价、备注、时间）</translation>
    </message>
    <message>
        <source>Other people&apos;s details (nicknames, IDs, phones, links)</source>
        <translation>他人的信息（昵称、微信号、电话、链接）</translation>
    </message>
    <message>
        <source>shared as they are</source>
        <translation>原样分享</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>不包含</translation>
    </message>
    <message>
        <source>pseudonyms; links keep the product&apos;s id only</source>
        <translation>化名；链接只保留商品编号</translation>
    </message>
    <message>
        <source>groups by their kind, times to the day</source>
        <translation>群只显示类别，时间精确到天</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Help requests</source>
        <translation>求助</translation>
    </message>
    <message>
        <source>Help exchanges</source>
        <translation>互助记录</translation>
    </message>
    <message>
        <source>Bargain cuts</source>
        <translation>砍价记录</translation>
    </message>
    <message>
        <source>Settled balances</source>
        <translation>已结清的互助往来</translation>
    </message>
    <message>
        <source>History entries</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Your presets</source>
        <translation>你的预设</translation>
    </message>
    <message>
        <source>Earlier exports (this list)</source>
        <translation>以前的导出（本列表）</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>徽章</translation>
    </message>
    <message>
        <source>Pictures (avatar, screenshots)</source>
        <translation>图片（头像、截图）</translation>
    </message>
    <message>
        <source>Saved the preset &apos;{name}&apos;.</source>
        <translation>已保存预设“{name}”。</translation>
    </message>
    <message>
        <source>Replace the preset?</source>
        <translation>替换该预设？</translation>
    </message>
    <message>
        <source>You already have a preset called &apos;{name}&apos;. Replace it?</source>
        <translation>已有名为“{name}”的预设。要替换吗？</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete the preset?</source>
        <translation>删除该预设？</translation>
    </message>
    <message>
        <source>Delete the preset &apos;{name}&apos;? Exports already made with it stay as they are.</source>
        <translation>删除预设“{name}”？用它做过的导出保持不变。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Deleted the preset &apos;{name}&apos;.</source>
        <translation>已删除预设“{name}”。</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Share c&amp;ard…</source>
        <translation>分享卡片(&amp;A)…</translation>
    </message>
    <message>
        <source>Export with the preset &apos;{name}&apos;</source>
        <translation>用预设“{name}”导出</translation>
    </message>
    <message>
        <source>Cannot export there</source>
        <translation>无法导出到那里</translation>
    </message>
    <message>
        <source>Exporting with the preset &apos;{name}&apos;…</source>
        <translation>正在用预设“{name}”导出…</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>已取消导出：没有写入任何文件。</translation>
    </message>
    <message>
        <source>Wrote the share card with the preset &apos;{name}&apos; to {path}.</source>
        <translation>已用预设“{name}”把分享卡片写入 {path}。</translation>
    </message>
    <message>
        <source>Wrote {count} baked Open Badges with the preset &apos;{name}&apos; to {path}.</source>
        <translation>已用预设“{name}”把 {count} 枚开放徽章写入 {path}。</translation>
    </message>
    <message>
        <source>Exported {count} records with the preset &apos;{name}&apos; to {path}.</source>
        <translation>已用预设“{name}”导出 {count} 条记录到 {path}。</translation>
    </message>
    <message>
        <source>Import a backup export</source>
        <translation>导入备份导出</translation>
    </message>
    <message>
        <source>Pintuan Quest exports (*.json *.json.gz *.zip)</source>
        <translation>拼团任务导出文件 (*.json *.json.gz *.zip)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>{file} was not imported: nothing was changed.</source>
        <translation>{file} 未导入：没有任何改动。</translation>
    </message>
    <message>
        <source>Cannot import this file</source>
        <translation>无法导入此文件</translation>
    </message>
    <message>
        <source>Only a backup export of Pintuan Quest, whole and unchanged, can be imported. Nothing was changed.</source>
        <translation>只能导入完整且未经修改的拼团任务备份导出。没有任何改动。</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>正在检查 {file}…</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Nothing to import: everything in {file} is here already.</source>
        <translation>无需导入：{file} 中的内容都已存在。</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was changed.</source>
        <translation>已取消导入：没有任何改动。</translation>
    </message>
    <message>
        <source>Imported {file}: {added} added, {updated} updated, {deleted} deleted, {unchanged} already here.</source>
        <translation>已导入 {file}：新增 {added}，更新 {updated}，删除 {deleted}，已存在 {unchanged}。</translation>
    </message>
    <message>
        <source>Import this backup?</source>
        <translation>导入这个备份？</translation>
    </message>
    <message>
        <source>Importing {file} adds {added} records, updates {updated} and deletes {deleted}; {unchanged} are here already.</source>
        <translation>导入 {file} 将新增 {added} 条记录，更新 {updated} 条，删除 {deleted} 条；{unchanged} 条已存在。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Where a record was changed on both sides, the later change wins, and both stay in the history. Your data as it is now is backed up first.</source>
        <translation>如果同一条记录两边都改过，以较晚的修改为准，两次修改都留在历史中。导入前会先备份你现在的数据。</translation>
    </message>
    <message>
        <source>Look-alike contacts merged: {count}.</source>
        <translation>已合并同名群友：{count} 位。</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <source>Something went wrong inside Pintuan Quest (a bug: {error}). The details were written to {log}; please send that file with a word on what you were doing. The window keeps running.</source>
        <translation>拼团任务内部出错了（程序缺陷：{error}）。详细信息已写入 {log}；请把这个文件发给我们，并说明你当时在做什么。窗口会继续运行。</translation>
    </message>
    <message>
        <source>Something went wrong inside Pintuan Quest (a bug: {error}), and the details could not be written to a log. The window keeps running.</source>
        <translation>拼团任务内部出错了（程序缺陷：{error}），详细信息也无法写入日志。窗口会继续运行。</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Could not finish</source>
        <translation>无法完成</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Pintuan Quest</source>
        <translation>欢迎使用拼团任务</translation>
    </message>
    <message>
        <source>Everything you record stays on this computer. Nothing is sent anywhere unless you export it yourself.</source>
        <translation>你记录的一切都只保存在这台电脑上。除非你自己导出，否则不会发送到任何地方。</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Found on this computer; your days and daily quests follow it.</source>
        <translation>从这台电脑上检测到；你的日期和每日任务都按此时区计算。</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>你的名字(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>时区(&amp;Z)</translation>
    </message>
    <message>
        <source>The tour uses made-up people and groups in a folder of its own; your data stays empty.</source>
        <translation>体验使用虚构的群友和群，保存在单独的文件夹里；你自己的数据仍然是空的。</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <source>Take a tour on demo data</source>
        <translation>用演示数据体验一下</translation>
    </message>
    <message>
        <source>Opens demo data in {folder}</source>
        <translation>在 {folder} 中打开演示数据</translation>
    </message>
    <message>
        <source>Demo folder: {folder}</source>
        <translation>演示文件夹：{folder}</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>Today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>昨天 {time}</translation>
    </message>
    <message>
        <source>Tomorrow {time}</source>
        <translation>明天 {time}</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>{days} d {hours} h left</source>
        <translation>剩余 {days} 天 {hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min left</source>
        <translation>剩余 {hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h left</source>
        <translation>剩余 {hours} 小时</translation>
    </message>
    <message>
        <source>{minutes} min left</source>
        <translation>剩余 {minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Vertical</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>My role</source>
        <translation>我的角色</translation>
    </message>
    <message>
        <source>Active windows</source>
        <translation>活动时段</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>求助上限</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>QQ</source>
        <translation>QQ</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Mother &amp; baby</source>
        <translation>母婴</translation>
    </message>
    <message>
        <source>Fresh food</source>
        <translation>生鲜</translation>
    </message>
    <message>
        <source>Digital</source>
        <translation>数码</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>家居</translation>
    </message>
    <message>
        <source>Beauty</source>
        <translation>美妆</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>群主</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <source>{count} a day</source>
        <translation>每天 {count} 次</translation>
    </message>
    <message>
        <source>How many requests the group allows a day</source>
        <translation>群里每天允许发几次求助</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Search groups by name</source>
        <translation>按名称搜索群</translation>
    </message>
    <message>
        <source>Search groups</source>
        <translation>搜索群</translation>
    </message>
    <message>
        <source>No groups yet. Press New to add the first group you are in.</source>
        <translation>还没有群。点击“新建”，添加你加入的第一个群。</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建群</translation>
    </message>
    <message>
        <source>Save group</source>
        <translation>保存群</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除群</translation>
    </message>
    <message>
        <source>Delete the group &apos;{name}&apos;? This cannot be undone.</source>
        <translation>确定删除群“{name}”吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <source>e.g. 宝妈拼团群</source>
        <translation>例如：宝妈拼团群</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Vertical</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>My role</source>
        <translation>我的角色</translation>
    </message>
    <message>
        <source>Daily request limit</source>
        <translation>每日求助上限</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Active windows</source>
        <translation>活动时段</translation>
    </message>
    <message>
        <source>Mon-Fri 20:00-22:00; Sat 09:00-11:00</source>
        <translation>周一至周五 20:00-22:00；周六 09:00-11:00</translation>
    </message>
    <message>
        <source>Group rules</source>
        <translation>群规</translation>
    </message>
    <message>
        <source>The group&apos;s rules (群规), e.g. no ads, one request a day</source>
        <translation>群规，例如：禁止发广告，每天只能求助一次</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>平台(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Vertical</source>
        <translation>品类(&amp;V)</translation>
    </message>
    <message>
        <source>My &amp;role</source>
        <translation>我的角色(&amp;R)</translation>
    </message>
    <message>
        <source>Request &amp;limit</source>
        <translation>每日求助上限(&amp;L)</translation>
    </message>
    <message>
        <source>Active &amp;windows</source>
        <translation>活动时段(&amp;W)</translation>
    </message>
    <message>
        <source>R&amp;ules</source>
        <translation>群规(&amp;U)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>HelpEditor</name>
    <message>
        <source>Help not found</source>
        <translation>找不到这条互助</translation>
    </message>
    <message>
        <source>This help was deleted meanwhile.</source>
        <translation>这条互助已经被删除了。</translation>
    </message>
</context>
<context>
    <name>HelpWindows</name>
    <message>
        <source>{menu}: {action}</source>
        <translation>{menu}：{action}</translation>
    </message>
    <message>
        <source>Save the form you are editing</source>
        <translation>保存正在编辑的表单</translation>
    </message>
    <message>
        <source>Undo what a notice just reported (while it shows)</source>
        <translation>撤销提示里刚报告的操作（提示显示期间）</translation>
    </message>
    <message>
        <source>Quick log: helped someone · got help · asked a group</source>
        <translation>快速记录：帮了别人 · 获得帮助 · 在群里求助</translation>
    </message>
    <message>
        <source>Today: paste a share text as a new deal (the quick log: fill it from one)</source>
        <translation>今日页：把分享内容粘贴为新的拼团砍价（在快速记录里：用它填写记录）</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + 带下划线的字母</translation>
    </message>
    <message>
        <source>Go to that field or button</source>
        <translation>跳到该输入框或按钮</translation>
    </message>
    <message>
        <source>Save the quick log; open the selected row</source>
        <translation>保存快速记录；打开选中的行</translation>
    </message>
    <message>
        <source>Close a dialog without saving</source>
        <translation>关闭对话框，不保存</translation>
    </message>
    <message>
        <source>Next · previous field</source>
        <translation>下一个 · 上一个输入框</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pintuan Quest {version}&lt;/h3&gt;&lt;p&gt;A private, offline logbook and game for group-buy and bargain-help communities.&lt;/p&gt;&lt;p&gt;Everything you record stays on this computer, in &lt;code&gt;{folder}&lt;/code&gt;. Nothing is sent anywhere unless you export it yourself.&lt;/p&gt;&lt;p&gt;Free software under the MIT License. Bundled fonts and icons keep their own licences.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;拼团任务 {version}&lt;/h3&gt;&lt;p&gt;为拼团、砍价助力社群打造的私人离线记事本和小游戏。&lt;/p&gt;&lt;p&gt;你记录的一切都保存在这台电脑的 &lt;code&gt;{folder}&lt;/code&gt; 中。除非你自己导出，否则不会发送到任何地方。&lt;/p&gt;&lt;p&gt;本软件是自由软件，采用 MIT 许可证。随附的字体和图标各自保留其许可证。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Pintuan Quest</source>
        <translation>关于拼团任务</translation>
    </message>
</context>
<context>
    <name>HistoryDetails</name>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>已重开</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>{details} ({status})</source>
        <translation>{details}（{status}）</translation>
    </message>
    <message>
        <source>{badge} ({tier})</source>
        <translation>{badge}（{tier}）</translation>
    </message>
    <message>
        <source>Level {level}</source>
        <translation>{level} 级</translation>
    </message>
    <message>
        <source>{merged} merged into {kept}</source>
        <translation>{merged} 已合并到 {kept}</translation>
    </message>
    <message>
        <source>was {status}</source>
        <translation>原为{status}</translation>
    </message>
    <message>
        <source>{field} {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>deal</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>started by me</source>
        <translation>我发起的</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>所在群</translation>
    </message>
    <message>
        <source>price tiers</source>
        <translation>阶梯价</translation>
    </message>
    <message>
        <source>a deleted record</source>
        <translation>已删除的记录</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translation>“{text}”</translation>
    </message>
    <message>
        <source>{people} people {price}</source>
        <translation>{people} 人 {price}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Quest step done</source>
        <translation>完成任务步骤</translation>
    </message>
    <message>
        <source>Quest completed</source>
        <translation>完成任务</translation>
    </message>
    <message>
        <source>Badge earned</source>
        <translation>获得徽章</translation>
    </message>
    <message>
        <source>Level reached</source>
        <translation>等级提升</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} 积分</translation>
    </message>
    <message>
        <source>{details} · logged late: no daily quest or streak day</source>
        <translation>{details} · 补记：不计入每日任务和连续天数</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Type of activity</source>
        <translation>动态类型</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部群</translation>
    </message>
    <message>
        <source>All contacts</source>
        <translation>全部群友</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Search history…</source>
        <translation>搜索历史记录…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>搜索历史记录</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Activity history</source>
        <translation>动态历史</translation>
    </message>
    <message>
        <source>Every activity, newest first</source>
        <translation>全部动态，最新的在前</translation>
    </message>
    <message>
        <source>Number of entries</source>
        <translation>记录条数</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Jump to the newest entry</source>
        <translation>跳到最新一条记录</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>最早</translation>
    </message>
    <message>
        <source>Jump to the oldest entry</source>
        <translation>跳到最早一条记录</translation>
    </message>
    <message>
        <source>&amp;Edit help…</source>
        <translation>编辑互助(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected help</source>
        <translation>编辑选中的互助</translation>
    </message>
    <message>
        <source>Correct who, what, how much or when (double-click works too)</source>
        <translation>更正对象、类型、金额或时间（双击也可以）</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <source>All activities</source>
        <translation>全部动态</translation>
    </message>
    <message>
        <source>What I recorded</source>
        <translation>我记录的</translation>
    </message>
    <message>
        <source>Helps</source>
        <translation>互助</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>求助</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Game events</source>
        <translation>游戏动态</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Opening your data…</source>
        <translation>正在打开你的数据…</translation>
    </message>
    <message>
        <source>Cannot open your data</source>
        <translation>无法打开你的数据</translation>
    </message>
</context>
<context>
    <name>LedgerContactModel</name>
    <message>
        <source>Contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>互助往来</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>帮助他人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>获得帮助</translation>
    </message>
    <message>
        <source>Given ¥</source>
        <translation>帮助他人 ¥</translation>
    </message>
    <message>
        <source>Received ¥</source>
        <translation>获得帮助 ¥</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起算时间</translation>
    </message>
    <message>
        <source>{name} (blocked)</source>
        <translation>{name}（已拉黑）</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>从一开始</translation>
    </message>
</context>
<context>
    <name>LedgerGroupModel</name>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>互助往来</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>帮助他人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>获得帮助</translation>
    </message>
    <message>
        <source>Given ¥</source>
        <translation>帮助他人 ¥</translation>
    </message>
    <message>
        <source>Received ¥</source>
        <translation>获得帮助 ¥</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>无群</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Ledger</source>
        <translation>人情账</translation>
    </message>
    <message>
        <source>Search contacts by nickname</source>
        <translation>按昵称搜索群友</translation>
    </message>
    <message>
        <source>Search the ledger</source>
        <translation>搜索人情账</translation>
    </message>
    <message>
        <source>Balance per contact</source>
        <translation>按群友统计的互助往来</translation>
    </message>
    <message>
        <source>Balance per group</source>
        <translation>按群统计的互助往来</translation>
    </message>
    <message>
        <source>Nothing in the ledger yet. Log a help given or received (Ctrl+N).</source>
        <translation>人情账里还没有记录。记录一次帮助他人或获得帮助吧（Ctrl+N）。</translation>
    </message>
    <message>
        <source>Per contact</source>
        <translation>按群友</translation>
    </message>
    <message>
        <source>Per group</source>
        <translation>按群</translation>
    </message>
    <message>
        <source>You owe</source>
        <translation>我欠的人情</translation>
    </message>
    <message>
        <source>Only takes</source>
        <translation>只索取不回报</translation>
    </message>
    <message>
        <source>Exchanges with this contact</source>
        <translation>与该群友的互助往来</translation>
    </message>
    <message>
        <source>Settle up with this contact</source>
        <translation>与该群友结清</translation>
    </message>
    <message>
        <source>Settle &amp;up…</source>
        <translation>结清(&amp;U)…</translation>
    </message>
    <message>
        <source>Even, a favour returned, a red packet, or partly: say how</source>
        <translation>两清、还了人情、发了红包，或部分结清：说明怎么结的</translation>
    </message>
    <message>
        <source>Copy &amp;reminder</source>
        <translation>复制提醒(&amp;R)</translation>
    </message>
    <message>
        <source>Copy a friendly reminder for this contact</source>
        <translation>为该群友复制一条友好的提醒</translation>
    </message>
    <message>
        <source>A polite message asking for a hand, copied for you to paste in your chat: nothing is sent</source>
        <translation>一条客气的求助消息，复制后由你粘贴到聊天里：不会自动发送任何内容</translation>
    </message>
    <message>
        <source>Contact to merge into</source>
        <translation>要合并到的群友</translation>
    </message>
    <message>
        <source>Choose a contact…</source>
        <translation>选择群友…</translation>
    </message>
    <message>
        <source>Settlements</source>
        <translation>结清记录</translation>
    </message>
    <message>
        <source>Past settlements with this contact</source>
        <translation>与该群友以往的结清记录</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Merge this contact into the chosen one</source>
        <translation>将该群友合并到所选群友</translation>
    </message>
    <message>
        <source>The same person logged twice: their helps move to the chosen contact</source>
        <translation>同一个人被记录了两次：其互助记录将转到所选群友名下</translation>
    </message>
    <message>
        <source>&amp;Edit exchange…</source>
        <translation>编辑记录(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected exchange</source>
        <translation>编辑选中的互助记录</translation>
    </message>
    <message>
        <source>Correct who, what, how much or when (double-click works too)</source>
        <translation>更正对象、类型、金额或时间（双击也可以）</translation>
    </message>
    <message>
        <source>Delete exchange</source>
        <translation>删除这条互助</translation>
    </message>
    <message>
        <source>Delete the selected exchange</source>
        <translation>删除选中的互助记录</translation>
    </message>
    <message>
        <source>A help logged by mistake: remove it (the history keeps a note)</source>
        <translation>记错的互助：删除它（历史记录会保留一条说明）</translation>
    </message>
    <message>
        <source>{name}: helped you {count} more times</source>
        <translation>{name}：多帮了你 {count} 次</translation>
    </message>
    <message>
        <source>{name}: {count} helps in 30 days, none back</source>
        <translation>{name}：30 天内获得 {count} 次帮助，从未回报</translation>
    </message>
    <message>
        <source>Show {name}&apos;s exchanges</source>
        <translation>显示与{name}的互助往来</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>Pick a contact</source>
        <translation>选择群友</translation>
    </message>
    <message>
        <source>Select a contact to see the exchanges behind their balance.</source>
        <translation>选择一位群友，查看构成其互助往来的每一次互助。</translation>
    </message>
    <message>
        <source>since {when}</source>
        <translation>自 {when} 起</translation>
    </message>
    <message>
        <source>since the start</source>
        <translation>自开始以来</translation>
    </message>
    <message>
        <source>Balance {balance} {since}: you helped {given}× ({given_fen}), they helped {received}× ({received_fen}).</source>
        <translation>互助往来 {balance}（{since}）：你帮助TA {given} 次（{given_fen}），TA帮助你 {received} 次（{received_fen}）。</translation>
    </message>
    <message>
        <source>Helps settled in part since: {count}.</source>
        <translation>此后已部分结清的帮助：{count} 次。</translation>
    </message>
    <message>
        <source>Even</source>
        <translation>两清</translation>
    </message>
    <message>
        <source>Favour returned</source>
        <translation>还了人情</translation>
    </message>
    <message>
        <source>Red packet</source>
        <translation>红包</translation>
    </message>
    <message>
        <source>Partly</source>
        <translation>部分结清</translation>
    </message>
    <message>
        <source>helps settled: {count}</source>
        <translation>结清帮助 {count} 次</translation>
    </message>
    <message>
        <source>Hi {name}! When you have a moment, could you give me a hand with a bargain cut or a click? I was happy to help you once lately and hope we keep helping each other. No rush at all — thank you!</source>
        <translation>{name}你好呀！有空的时候能帮我砍一刀或者点一下吗？最近很高兴帮过你一次，希望我们一直互相帮忙。一点都不急，谢谢你！</translation>
    </message>
    <message>
        <source>Hi {name}! When you have a moment, could you give me a hand with a bargain cut or a click? I was happy to help you {count} times lately and hope we keep helping each other. No rush at all — thank you!</source>
        <translation>{name}你好呀！有空的时候能帮我砍一刀或者点一下吗？最近很高兴帮过你 {count} 次，希望我们一直互相帮忙。一点都不急，谢谢你！</translation>
    </message>
    <message>
        <source>Reminder copied</source>
        <translation>提醒已复制</translation>
    </message>
    <message>
        <source>Paste it in your chat with {name}: nothing was sent.</source>
        <translation>粘贴到你和{name}的聊天里即可：没有发送任何内容。</translation>
    </message>
    <message>
        <source>Delete this help exchange? The history keeps a note that it was removed.</source>
        <translation>确定删除这条互助记录吗？历史记录中会保留一条已删除的说明。</translation>
    </message>
    <message>
        <source>Delete exchange?</source>
        <translation>删除互助记录？</translation>
    </message>
    <message>
        <source>Merge {other} into {keep}? {other}&apos;s helps, cuts and groups move to {keep}, and {other} is removed. This cannot be undone.</source>
        <translation>确定将{other}合并到{keep}吗？{other}的互助记录、砍价记录和所在群将转到{keep}名下，{other}将被删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Merge contacts?</source>
        <translation>确定合并群友？</translation>
    </message>
    <message>
        <source>Are you sure?</source>
        <translation>确定吗？</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <source>Only web links (starting with http:// or https://) can be opened:</source>
        <translation>只能打开网页链接（以 http:// 或 https:// 开头）：</translation>
    </message>
    <message>
        <source>Not a web link</source>
        <translation>不是网页链接</translation>
    </message>
    <message>
        <source>Domain: {domain}</source>
        <translation>域名：{domain}</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>打开链接？</translation>
    </message>
    <message>
        <source>Open in your browser?</source>
        <translation>在浏览器中打开？</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>{mark} {verdict}: {reasons}</source>
        <translation>{mark} {verdict}：{reasons}</translation>
    </message>
    <message>
        <source>Link check</source>
        <translation>链接检查</translation>
    </message>
    <message>
        <source>&amp;Flag this link</source>
        <translation>标记为可疑(&amp;F)</translation>
    </message>
    <message>
        <source>Dangerous link</source>
        <translation>危险链接</translation>
    </message>
    <message>
        <source>This link looks dangerous. Open it anyway?</source>
        <translation>这个链接看起来很危险。仍要打开吗？</translation>
    </message>
    <message>
        <source>This link may not be what it seems. Open it anyway?</source>
        <translation>这个链接可能不是它看上去的那样。仍要打开吗？</translation>
    </message>
    <message>
        <source>Open &amp;anyway</source>
        <translation>仍要打开(&amp;A)</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>链接没有打开</translation>
    </message>
    <message>
        <source>No browser could open the link.</source>
        <translation>没有浏览器能打开这个链接。</translation>
    </message>
    <message>
        <source>Link flagged: your history keeps it.</source>
        <translation>已标记为可疑链接，动态里留有记录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pintuan Quest</source>
        <translation>拼团任务</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
    <message>
        <source>Pintuan Quest — demo data</source>
        <translation>拼团任务 — 演示数据</translation>
    </message>
    <message>
        <source>Demo folder: {path}</source>
        <translation>演示文件夹：{path}</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>人情账</translation>
    </message>
    <message>
        <source>Quests</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>徽章</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Privacy &amp; Export</source>
        <translation>隐私与导出</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Quick log…</source>
        <translation>快速记录(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;Import chat…</source>
        <translation>导入聊天记录(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Pintuan Quest</source>
        <translation>关于拼团任务(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge contacts?</source>
        <translation>合并群友？</translation>
    </message>
    <message>
        <source>The import brought contacts with the same nickname as contacts you already had. Tick those that are one person: their helps, cuts and groups move to your contact. A merge cannot be undone.</source>
        <translation>导入带来了与你已有群友同名的群友。请勾选其中是同一个人的：他们的互助、砍价和群会移到你的群友名下。合并无法撤销。</translation>
    </message>
    <message>
        <source>Contacts to merge</source>
        <translation>要合并的群友</translation>
    </message>
    <message>
        <source>{new} (imported) into {old} (yours)</source>
        <translation>{new}（导入的）并入 {old}（你的）</translation>
    </message>
    <message>
        <source>&amp;Merge the ticked ones</source>
        <translation>合并勾选的(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Keep them apart</source>
        <translation>保持分开(&amp;K)</translation>
    </message>
</context>
<context>
    <name>PageContext</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>PasteShare</name>
    <message>
        <source>No share found in the clipboard.</source>
        <translation>剪贴板里没有找到分享内容。</translation>
    </message>
    <message>
        <source>Share read, but its link is broken and was left out: check the new deal and save it.</source>
        <translation>已读取分享，但其中的链接已损坏，未填入：请核对新的拼团砍价后保存。</translation>
    </message>
    <message>
        <source>Share read: check the new deal and save it.</source>
        <translation>已读取分享：请核对新的拼团砍价后保存。</translation>
    </message>
    <message>
        <source>Paste share text</source>
        <translation>粘贴分享内容</translation>
    </message>
    <message>
        <source>The deal form holds unsaved changes: save or discard them, then paste the share again.</source>
        <translation>拼团砍价表单里有未保存的修改：请先保存或放弃，再重新粘贴分享内容。</translation>
    </message>
</context>
<context>
    <name>PictureBox</name>
    <message>
        <source>Choose picture…</source>
        <translation>选择图片…</translation>
    </message>
    <message>
        <source>Choose a picture for: {name}</source>
        <translation>为“{name}”选择图片</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the picture: {name}</source>
        <translation>移除图片：{name}</translation>
    </message>
    <message>
        <source>JPEG, PNG or WebP; stored without its location and camera data.</source>
        <translation>JPEG、PNG 或 WebP；保存时去掉位置和相机信息。</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无图片</translation>
    </message>
    <message>
        <source>{width} × {height} pixels: click to see it larger</source>
        <translation>{width} × {height} 像素：点击查看大图</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>选择图片</translation>
    </message>
</context>
<context>
    <name>PresetDialog</name>
    <message>
        <source>New share preset</source>
        <translation>新建分享预设</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. for-mum</source>
        <translation>例如 for-mum</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Counts, levels, badges:</source>
        <translation>数量、等级、徽章(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Your own details:</source>
        <translation>你自己的信息(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Other people&apos;s details:</source>
        <translation>他人的信息(&amp;O)：</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>分享</translation>
    </message>
    <message>
        <source>Generalise</source>
        <translation>概括</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>不包含</translation>
    </message>
    <message>
        <source>What it shares</source>
        <translation>会分享什么</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Privacy &amp; Export</source>
        <translation>隐私与导出</translation>
    </message>
    <message>
        <source>Everything you record stays in one file on this computer: {path}. Nothing is sent anywhere.</source>
        <translation>你记录的一切都保存在这台电脑上的一个文件里：{path}。不会发送到任何地方。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Second folder…</source>
        <translation>第二个文件夹(&amp;S)…</translation>
    </message>
    <message>
        <source>Stop copying &amp;there</source>
        <translation>停止复制到那里(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Check the database</source>
        <translation>检查数据库(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Rebuild the game from the records</source>
        <translation>根据记录重建游戏(&amp;R)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Export &amp;&amp; import</source>
        <translation>导出与导入</translation>
    </message>
    <message>
        <source>Backups &amp;&amp; checks</source>
        <translation>备份与检查</translation>
    </message>
    <message>
        <source>A backup is taken by itself every 30 minutes while your data changes, and before every upgrade or restore. Older ones are thinned out: all from the last two days are kept, then one a day for two weeks, one a week for two months and one a month for a year.</source>
        <translation>数据有变化时每 30 分钟自动备份一次，每次升级或恢复之前也会备份。较旧的备份会被精简：最近两天的全部保留，之后两周内每天保留一份、两个月内每周一份、一年内每月一份。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>R&amp;estore…</source>
        <translation>恢复(&amp;E)…</translation>
    </message>
    <message>
        <source>Replace your data with the selected backup (asks first)</source>
        <translation>用选中的备份替换你的数据（会先询问）</translation>
    </message>
    <message>
        <source>Backup result</source>
        <translation>备份结果</translation>
    </message>
    <message>
        <source>Copy every backup to another folder too, best on another drive</source>
        <translation>把每份备份也复制到另一个文件夹，最好在另一个磁盘上</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Erase everything</source>
        <translation>清除全部数据</translation>
    </message>
    <message>
        <source>&amp;Wipe everything…</source>
        <translation>清除全部数据(&amp;W)…</translation>
    </message>
    <message>
        <source>Delete all your data and every backup, after you type a word to confirm</source>
        <translation>输入确认词后，删除你的全部数据和所有备份</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No (incomplete or damaged)</source>
        <translation>否（不完整或已损坏）</translation>
    </message>
    <message>
        <source>Second folder: none. Backups stay on this drive only.</source>
        <translation>第二个文件夹：无。备份只保存在这个磁盘上。</translation>
    </message>
    <message>
        <source>Second folder: {path} (not there now: is its drive plugged in?)</source>
        <translation>第二个文件夹：{path}（现在找不到：它所在的磁盘插上了吗？）</translation>
    </message>
    <message>
        <source>Second folder: {path} receives a copy of each backup.</source>
        <translation>第二个文件夹：{path} 会收到每份备份的副本。</translation>
    </message>
    <message>
        <source>Taken when you asked</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <source>Everything was wiped.</source>
        <translation>全部数据已清除。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复这份备份？</translation>
    </message>
    <message>
        <source>Replace your data with the backup taken {when}?</source>
        <translation>用 {when} 的备份替换你现在的数据？</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Your data as it is now is backed up first, so you can come back to it from this list.</source>
        <translation>会先备份你现在的数据，之后可以从这个列表回到现在的状态。</translation>
    </message>
    <message>
        <source>Restoring the backup taken {when}…</source>
        <translation>正在恢复 {when} 的备份…</translation>
    </message>
    <message>
        <source>Restored the backup taken {when}. Your data as it was is in the backup {name}.</source>
        <translation>已恢复 {when} 的备份。恢复前的数据保存在备份 {name} 中。</translation>
    </message>
    <message>
        <source>Restored the backup taken {when}.</source>
        <translation>已恢复 {when} 的备份。</translation>
    </message>
    <message>
        <source>Choose a second folder for backups</source>
        <translation>为备份选择第二个文件夹</translation>
    </message>
    <message>
        <source>Backups are no longer copied to a second folder; the copies already there stay.</source>
        <translation>备份不再复制到第二个文件夹；已经复制过去的会保留。</translation>
    </message>
    <message>
        <source>Backups are now copied to {path} too.</source>
        <translation>备份现在也会复制到 {path}。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>The database is sound.</source>
        <translation>数据库完好。</translation>
    </message>
    <message>
        <source>Problems found: run `python -m app check` for the details.</source>
        <translation>发现问题：运行 `python -m app check` 查看详情。</translation>
    </message>
    <message>
        <source>Rebuilding the game from your records…</source>
        <translation>正在根据你的记录重建游戏…</translation>
    </message>
    <message>
        <source>Rebuilding</source>
        <translation>正在重建</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消：没有做任何更改。</translation>
    </message>
    <message>
        <source>The game was rebuilt from your records.</source>
        <translation>已根据你的记录重建游戏。</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QuestWords</name>
    <message>
        <source>helps you give</source>
        <translation>你帮别人的忙</translation>
    </message>
    <message>
        <source>helps you receive</source>
        <translation>别人帮你的忙</translation>
    </message>
    <message>
        <source>requests you post</source>
        <translation>你发的求助</translation>
    </message>
    <message>
        <source>deals you start</source>
        <translation>你发起的拼团砍价</translation>
    </message>
    <message>
        <source>deals you join</source>
        <translation>你参加的拼团砍价</translation>
    </message>
    <message>
        <source>deals that succeed</source>
        <translation>成功的拼团砍价</translation>
    </message>
    <message>
        <source>cuts of a bargain&apos;s price</source>
        <translation>砍价的每一刀</translation>
    </message>
    <message>
        <source>groups you add</source>
        <translation>你添加的群</translation>
    </message>
    <message>
        <source>contacts you add</source>
        <translation>你添加的联系人</translation>
    </message>
    <message>
        <source>changes of a contact&apos;s trust</source>
        <translation>联系人信任度的调整</translation>
    </message>
    <message>
        <source>times you settle up</source>
        <translation>你结清人情的次数</translation>
    </message>
    <message>
        <source>links you flag</source>
        <translation>你标记的链接</translation>
    </message>
    <message>
        <source>share presets you save</source>
        <translation>你保存的分享预设</translation>
    </message>
    <message>
        <source>exports you make</source>
        <translation>你做的导出</translation>
    </message>
    <message>
        <source>different people</source>
        <translation>位不同的人</translation>
    </message>
    <message>
        <source>different groups</source>
        <translation>个不同的群</translation>
    </message>
    <message>
        <source>different kinds of group</source>
        <translation>类不同的群</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>more {left} than {right}</source>
        <translation>{left}多于{right}</translation>
    </message>
    <message>
        <source>at least as many {left} as {right}</source>
        <translation>{left}不少于{right}</translation>
    </message>
    <message>
        <source>; and </source>
        <translation>；并且</translation>
    </message>
    <message>
        <source>; or </source>
        <translation>；或者</translation>
    </message>
    <message>
        <source>{what}, on {days} days in a row</source>
        <translation>{what}，连续 {days} 天</translation>
    </message>
    <message>
        <source>{what}, {amount} in all</source>
        <translation>{what}，累计 {amount}</translation>
    </message>
    <message>
        <source>{what}, for {count} {distinct}</source>
        <translation>{what}，覆盖 {count} {distinct}</translation>
    </message>
    <message>
        <source>{what}: {count}</source>
        <translation>{what}：{count}</translation>
    </message>
    <message>
        <source>inside the group&apos;s hours</source>
        <translation>在群的活动时段内</translation>
    </message>
    <message>
        <source>within the group&apos;s daily limit</source>
        <translation>不超过群的每日上限</translation>
    </message>
    <message>
        <source>in groups you run</source>
        <translation>在你管理的群里</translation>
    </message>
    <message>
        <source>in your groups</source>
        <translation>在你的群里</translation>
    </message>
    <message>
        <source>{what} ({which})</source>
        <translation>{what}（{which}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{what}, within {days} days</source>
        <translation>{what}，{days} 天内</translation>
    </message>
    <message>
        <source>+{points} points of your own</source>
        <translation>+{points} 自建任务积分</translation>
    </message>
    <message>
        <source>+{points} points</source>
        <translation>+{points} 积分</translation>
    </message>
    <message>
        <source>badge: {badge}</source>
        <translation>徽章：{badge}</translation>
    </message>
</context>
<context>
    <name>QuestsPage</name>
    <message>
        <source>&amp;Install quest pack…</source>
        <translation>安装任务包(&amp;I)…</translation>
    </message>
    <message>
        <source>Add a quest chain from a .toml file: its points count apart from your level</source>
        <translation>从 .toml 文件添加任务链：它的积分单独计算，不提升等级</translation>
    </message>
    <message>
        <source>Quests</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Level 1</source>
        <translation>等级 1</translation>
    </message>
    <message>
        <source>Level and points</source>
        <translation>等级与积分</translation>
    </message>
    <message>
        <source>Progress to the next level</source>
        <translation>升级进度</translation>
    </message>
    <message>
        <source>Quest chains</source>
        <translation>任务链</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>未解锁</translation>
    </message>
    <message>
        <source>Daily and weekly quests</source>
        <translation>每日与每周任务</translation>
    </message>
    <message>
        <source>Your story</source>
        <translation>你的故事</translation>
    </message>
    <message>
        <source>Still locked</source>
        <translation>尚未解锁</translation>
    </message>
    <message>
        <source>Chapters done</source>
        <translation>已完成的篇章</translation>
    </message>
    <message>
        <source>Level {level} · {points} points · next level at {next}</source>
        <translation>等级 {level} · 积分 {points} · 下一级需 {next}</translation>
    </message>
    <message>
        <source>your own quests: {points} points</source>
        <translation>自建任务：{points} 积分</translation>
    </message>
    <message>
        <source>{left} points to level {level}</source>
        <translation>距 {level} 级还差 {left} 积分</translation>
    </message>
    <message>
        <source>Quest packs you installed pay their points apart, as your own quests: they never raise your level. So far: {points} points.</source>
        <translation>你安装的任务包单独计分，算作自建任务积分，不会提升等级。目前：{points} 积分。</translation>
    </message>
    <message>
        <source>{done} of {steps} steps</source>
        <translation>已完成 {done}/{steps} 步</translation>
    </message>
    <message>
        <source>Your pack</source>
        <translation>你的任务包</translation>
    </message>
    <message>
        <source>A quest pack you installed: its points count apart, never toward your level</source>
        <translation>你安装的任务包：积分单独计算，不计入等级</translation>
    </message>
    <message>
        <source>Then reach level {level}.</source>
        <translation>还需达到 {level} 级。</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>共 1 步</translation>
    </message>
    <message>
        <source>{steps} steps</source>
        <translation>共 {steps} 步</translation>
    </message>
    <message>
        <source>on completion {reward}</source>
        <translation>全部完成奖励 {reward}</translation>
    </message>
    <message>
        <source>Completing the chain: {reward}</source>
        <translation>完成整条任务链：{reward}</translation>
    </message>
    <message>
        <source>Now: {step}, {progress}</source>
        <translation>当前：{step}，{progress}</translation>
    </message>
    <message>
        <source>What counts: {goal}</source>
        <translation>怎样算数：{goal}</translation>
    </message>
    <message>
        <source>Progress of {step}</source>
        <translation>“{step}”的进度</translation>
    </message>
    <message>
        <source>Reward: {reward}</source>
        <translation>奖励：{reward}</translation>
    </message>
    <message>
        <source>{progress} of {target}</source>
        <translation>{progress} / {target}</translation>
    </message>
    <message>
        <source>Resets: {left}</source>
        <translation>重置：{left}</translation>
    </message>
    <message>
        <source>Install quest pack</source>
        <translation>安装任务包</translation>
    </message>
    <message>
        <source>Quest packs (*.toml)</source>
        <translation>任务包 (*.toml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>The pack {file} was not installed: {why}</source>
        <translation>任务包 {file} 未安装：{why}</translation>
    </message>
    <message>
        <source>Installed the quest pack “{id}” (version {version}). Its points count apart, as your own quests.</source>
        <translation>已安装任务包“{id}”（第 {version} 版）。它的积分单独计算，算作自建任务积分。</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <source>Quick log</source>
        <translation>快速记录</translation>
    </message>
    <message>
        <source>Bargain cut (砍一刀)</source>
        <translation>砍一刀</translation>
    </message>
    <message>
        <source>Joined a group buy (参团)</source>
        <translation>参团</translation>
    </message>
    <message>
        <source>Boost click (助力)</source>
        <translation>助力</translation>
    </message>
    <message>
        <source>Share (转发)</source>
        <translation>转发</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>&amp;Helped someone</source>
        <translation>帮了别人(&amp;H)</translation>
    </message>
    <message>
        <source>G&amp;ot help</source>
        <translation>获得帮助(&amp;O)</translation>
    </message>
    <message>
        <source>Asked a g&amp;roup for help</source>
        <translation>在群里求助(&amp;R)</translation>
    </message>
    <message>
        <source>Alt+{number}</source>
        <translation>Alt+{number}</translation>
    </message>
    <message>
        <source>Kind of help</source>
        <translation>帮助类型</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>e.g. 12.50</source>
        <translation>例如：12.50</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>群友(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>群(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Amount (¥)</source>
        <translation>金额（¥）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Leave it for now; change it to log something from earlier</source>
        <translation>默认为现在；补记之前的事时再改</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>时间(&amp;W)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Paste share</source>
        <translation>粘贴分享(&amp;P)</translation>
    </message>
    <message>
        <source>Paste a share text</source>
        <translation>粘贴分享内容</translation>
    </message>
    <message>
        <source>Fill the entry from a share text copied from a chat (拼团, 砍价, 助力)</source>
        <translation>用从聊天里复制的分享内容（拼团、砍价、助力）填写这条记录</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>候选项</translation>
    </message>
    <message>
        <source>Edit help</source>
        <translation>编辑互助</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Its activity window is open until {time}.</source>
        <translation>群的活动时段开放中，到 {time} 结束。</translation>
    </message>
    <message>
        <source>Outside its activity window ({windows}).</source>
        <translation>现在不在群的活动时段内（{windows}）。</translation>
    </message>
    <message>
        <source>You already asked there {count} times that day: its limit is {limit} a day.</source>
        <translation>当天你已在这个群求助 {count} 次：群规每天最多 {limit} 次。</translation>
    </message>
    <message>
        <source>Requests there that day: {count} of {limit}.</source>
        <translation>当天在这个群的求助：{count} / {limit} 次。</translation>
    </message>
    <message>
        <source>There you helped {given} times and were helped {received} times.</source>
        <translation>在这个群里，你帮了别人 {given} 次，别人帮了你 {received} 次。</translation>
    </message>
    <message>
        <source>&amp;Group (optional)</source>
        <translation>群（选填）(&amp;G)</translation>
    </message>
    <message>
        <source>Who did you help?</source>
        <translation>你帮助了谁？</translation>
    </message>
    <message>
        <source>Who helped you?</source>
        <translation>谁帮助了你？</translation>
    </message>
    <message>
        <source>Which group did you ask?</source>
        <translation>你在哪个群求助？</translation>
    </message>
    <message>
        <source>Where did it happen?</source>
        <translation>在哪个群？</translation>
    </message>
    <message>
        <source>Add “{contact}” as a new contact and “{group}” as a new group</source>
        <translation>把「{contact}」加为新群友，「{group}」加为新群</translation>
    </message>
    <message>
        <source>Add “{contact}” as a new contact</source>
        <translation>把「{contact}」加为新群友</translation>
    </message>
    <message>
        <source>Add “{group}” as a new group</source>
        <translation>把「{group}」加为新群</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Archive or unarchive</source>
        <translation>归档或取消归档</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete?</source>
        <translation>确认删除？</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>取消归档</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Your data is damaged</source>
        <translation>你的数据已损坏</translation>
    </message>
    <message>
        <source>Your database is damaged, so Pintuan Quest stopped before writing anything to it. The damaged file was moved aside to:
{bad}</source>
        <translation>你的数据库已损坏，拼团任务在写入任何内容之前就停了下来。损坏的文件已移到：
{bad}</translation>
    </message>
    <message>
        <source>Your data is missing</source>
        <translation>找不到你的数据</translation>
    </message>
    <message>
        <source>There is no database in {folder}, but there are backups or damaged copies of one, so Pintuan Quest will not start on empty data without asking.</source>
        <translation>{folder} 中没有数据库，但有它的备份或损坏的副本，所以拼团任务不会未经询问就以空数据启动。</translation>
    </message>
    <message>
        <source>Restore the newest backup (from {when}) to go on from there. Starting empty keeps the backups and the damaged copy where they are.</source>
        <translation>恢复最新的备份（{when}），从那里继续。选择从空数据开始时，备份和损坏的副本都会原样保留。</translation>
    </message>
    <message>
        <source>There is no backup. Salvage copies everything that can still be read into a new database. Starting empty keeps the damaged copy where it is.</source>
        <translation>没有备份。抢救会把仍能读取的内容全部复制到一个新的数据库。选择从空数据开始时，损坏的副本会原样保留。</translation>
    </message>
    <message>
        <source>There is no backup, and the file held nothing that can be read. You can start empty; the damaged copy stays where it is.</source>
        <translation>没有备份，文件中也没有可读取的内容。你可以从空数据开始；损坏的副本会原样保留。</translation>
    </message>
    <message>
        <source>Restore the newest backup ({when})</source>
        <translation>恢复最新备份（{when}）</translation>
    </message>
    <message>
        <source>Salvage what can be read</source>
        <translation>抢救可读取的数据</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>从空数据开始</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Salvaging what can be read… ({table})</source>
        <translation>正在抢救可读取的数据…（{table}）</translation>
    </message>
    <message>
        <source>Salvaging what can be read…</source>
        <translation>正在抢救可读取的数据…</translation>
    </message>
    <message>
        <source>Salvaging</source>
        <translation>抢救中</translation>
    </message>
    <message>
        <source>Salvaged {kept} records from the damaged copy; {lost} could not be read.</source>
        <translation>已从损坏的副本中抢救出 {kept} 条记录；{lost} 条无法读取。</translation>
    </message>
    <message>
        <source>Salvaged {kept} records from the damaged copy; nothing was lost.</source>
        <translation>已从损坏的副本中抢救出 {kept} 条记录；没有丢失任何内容。</translation>
    </message>
    <message>
        <source>Restored the backup from {when}.</source>
        <translation>已恢复 {when} 的备份。</translation>
    </message>
    <message>
        <source>Salvaged</source>
        <translation>抢救完成</translation>
    </message>
    <message>
        <source>Started with empty data; the backups and damaged copies are still in {folder}.</source>
        <translation>已从空数据开始；备份和损坏的副本仍在 {folder} 中。</translation>
    </message>
    <message>
        <source>Could not recover</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>ReminderBar</name>
    <message>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
</context>
<context>
    <name>ReminderCenter</name>
    <message>
        <source>Pintuan Quest</source>
        <translation>拼团任务</translation>
    </message>
    <message>
        <source>Quick log…</source>
        <translation>快速记录…</translation>
    </message>
    <message>
        <source>Open Pintuan Quest</source>
        <translation>打开拼团任务</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>{count} reminders</source>
        <translation>{count} 条提醒</translation>
    </message>
</context>
<context>
    <name>ReminderRow</name>
    <message>
        <source>Open the deal</source>
        <translation>打开这个拼团砍价</translation>
    </message>
    <message>
        <source>Open the contact</source>
        <translation>打开这位群友</translation>
    </message>
    <message>
        <source>Open the quests</source>
        <translation>打开任务</translation>
    </message>
    <message>
        <source>Dismiss this reminder</source>
        <translation>关掉这条提醒</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关掉</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>A deal ends soon</source>
        <translation>拼团砍价快截止了</translation>
    </message>
    <message>
        <source>A favour to return</source>
        <translation>该还个人情了</translation>
    </message>
    <message>
        <source>Today&apos;s quest is still open</source>
        <translation>今天的任务还没做完</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>“{title}” ends in {left}.</source>
        <translation>「{title}」还有 {left}就截止了。</translation>
    </message>
    <message>
        <source>{name} helped you {days} days ago and is still waiting for a favour back.</source>
        <translation>{name} {days} 天前帮过你，还在等你回个人情。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>“{title}”</source>
        <translation>「{title}」</translation>
    </message>
    <message>
        <source>Not done yet today: {titles} and {count} more.</source>
        <translation>今天还没完成：{titles}，另有 {count} 个任务。</translation>
    </message>
    <message>
        <source>Not done yet today: {titles}.</source>
        <translation>今天还没完成：{titles}。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>Optional: Today greets you by it</source>
        <translation>选填：“今日”页会用它问候你</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>你的名字(&amp;N)</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>你的头像</translation>
    </message>
    <message>
        <source>Your &amp;picture</source>
        <translation>你的头像(&amp;P)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Your days, streaks and daily quests follow this zone.</source>
        <translation>你的日期、连续天数和每日任务都按此时区计算。</translation>
    </message>
    <message>
        <source>Time zone status</source>
        <translation>时区状态</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>时区(&amp;Z)</translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation>免打扰开始时间</translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation>免打扰结束时间</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation>免打扰时段(&amp;Q)</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> helps a day</source>
        <translation> 次互助/天</translation>
    </message>
    <message>
        <source>Daily help budget</source>
        <translation>每日互助上限</translation>
    </message>
    <message>
        <source>Daily help &amp;budget</source>
        <translation>每日互助上限(&amp;B)</translation>
    </message>
    <message>
        <source> a week</source>
        <translation> 天/周</translation>
    </message>
    <message>
        <source>Streak rest days</source>
        <translation>连续打卡休息日</translation>
    </message>
    <message>
        <source>Days a week you may miss without breaking a streak; they do not count in it. Every seven days of a streak also earn a freeze for one more missed day. Missing a day never costs points.</source>
        <translation>每周可以缺席而不中断连续天数的天数；休息日本身不计入连续天数。连续坚持七天还能得到一次“冻结”，可以再抵一天缺席。缺席从不扣分。</translation>
    </message>
    <message>
        <source>Rest days status</source>
        <translation>休息日状态</translation>
    </message>
    <message>
        <source>Streak &amp;rest days</source>
        <translation>连续打卡休息日(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>A made-up community to try things on, kept apart from your own data.</source>
        <translation>一个虚构的社群，供你随意试用，与你自己的数据分开存放。</translation>
    </message>
    <message>
        <source>Reset de&amp;mo data…</source>
        <translation>重置演示数据(&amp;M)…</translation>
    </message>
    <message>
        <source>Reset the demo data</source>
        <translation>重置演示数据</translation>
    </message>
    <message>
        <source>Open the &amp;demo in a new window</source>
        <translation>在新窗口中打开演示(&amp;D)</translation>
    </message>
    <message>
        <source>Open the demo data in a new window</source>
        <translation>在新窗口中打开演示数据</translation>
    </message>
    <message>
        <source>Demo data status</source>
        <translation>演示数据状态</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Counting your streaks again…</source>
        <translation>正在重新计算连续天数…</translation>
    </message>
    <message>
        <source>Streaks now keep {days} rest days a week.</source>
        <translation>现在每周有 {days} 天休息日不会中断连续天数。</translation>
    </message>
    <message>
        <source>&apos;{zone}&apos; is not a time zone.</source>
        <translation>“{zone}”不是有效的时区。</translation>
    </message>
    <message>
        <source>Change the time zone?</source>
        <translation>更改时区？</translation>
    </message>
    <message>
        <source>Count your days in {new} instead of {old}? Daily quests, streaks and points are rebuilt from everything you recorded; this can take a moment on a long history.</source>
        <translation>改为按 {new}（而不是 {old}）计算你的日期吗？每日任务、连续天数和积分都会根据你记录的全部内容重新计算；记录较多时可能需要一点时间。</translation>
    </message>
    <message>
        <source>Rebuilding the game in {zone}…</source>
        <translation>正在按 {zone} 重建游戏…</translation>
    </message>
    <message>
        <source>Your days now follow {zone}.</source>
        <translation>你的日期现在按 {zone} 计算。</translation>
    </message>
    <message>
        <source>Replace the demo data with a fresh made-up community? Anything recorded in the demo is lost. Your own data is not touched.</source>
        <translation>用一个全新的虚构社群替换演示数据吗？在演示中记录的内容都会丢失。你自己的数据不受影响。</translation>
    </message>
    <message>
        <source>Making fresh demo data…</source>
        <translation>正在生成新的演示数据…</translation>
    </message>
    <message>
        <source>Could not reset the demo data: {error}</source>
        <translation>无法重置演示数据：{error}</translation>
    </message>
    <message>
        <source>Cancelled: the demo data was not changed.</source>
        <translation>已取消：演示数据没有改动。</translation>
    </message>
    <message>
        <source>Fresh demo data is ready.</source>
        <translation>新的演示数据已准备好。</translation>
    </message>
    <message>
        <source>Reset demo data?</source>
        <translation>重置演示数据？</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <source>Settle up with {name}</source>
        <translation>与{name}结清</translation>
    </message>
    <message>
        <source>Your balance with {name} is {balance}. How did you settle up?</source>
        <translation>你和{name}的互助往来是 {balance}。这次怎么结清的？</translation>
    </message>
    <message>
        <source>We are &amp;even (the balance starts again from zero)</source>
        <translation>两清(&amp;E)（互助往来从零重新计）</translation>
    </message>
    <message>
        <source>A &amp;favour returned (outside the app)</source>
        <translation>还了人情(&amp;F)（在应用之外）</translation>
    </message>
    <message>
        <source>A &amp;red packet (红包)</source>
        <translation>发了红包(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Partly: some helps settled, the rest still counts</source>
        <translation>部分结清(&amp;P)：结清几次帮助，其余照常计</translation>
    </message>
    <message>
        <source>The balance is even: nothing to settle in part</source>
        <translation>互助往来已持平：没有可部分结清的</translation>
    </message>
    <message>
        <source>Helps settled</source>
        <translation>结清的帮助次数</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>optional, e.g. 6.66</source>
        <translation>可不填，例如 6.66</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>optional, e.g. bought her a milk tea</source>
        <translation>可不填，例如：请她喝了奶茶</translation>
    </message>
    <message>
        <source>&amp;Helps settled:</source>
        <translation>结清次数(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Amount (¥):</source>
        <translation>金额（¥）(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Settle up</source>
        <translation>结清(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ShareCardDialog</name>
    <message>
        <source>Share card</source>
        <translation>分享卡片</translation>
    </message>
    <message>
        <source>The card for the preset “{preset}”, as it will be saved. It holds only the picture: no names or times hidden in the file.</source>
        <translation>预设“{preset}”的卡片，保存后就是这个样子。文件里只有图片本身，不藏任何名字或时间。</translation>
    </message>
    <message>
        <source>Share card preview</source>
        <translation>分享卡片预览</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Drawing the share card…</source>
        <translation>正在绘制分享卡片…</translation>
    </message>
    <message>
        <source>Save the share card</source>
        <translation>保存分享卡片</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Cannot save there</source>
        <translation>无法保存到那里</translation>
    </message>
    <message>
        <source>Saved the share card with the preset &apos;{name}&apos; to {path}.</source>
        <translation>已用预设“{name}”把分享卡片保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>ShareText</name>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <source>Tmall</source>
        <translation>天猫</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Meituan</source>
        <translation>美团</translation>
    </message>
    <message>
        <source>Ele.me</source>
        <translation>饿了么</translation>
    </message>
    <message>
        <source>{platform} group buy</source>
        <translation>{platform}拼团</translation>
    </message>
    <message>
        <source>A group buy</source>
        <translation>一个拼团</translation>
    </message>
    <message>
        <source>{platform} boost</source>
        <translation>{platform}助力</translation>
    </message>
    <message>
        <source>A boost</source>
        <translation>一个助力</translation>
    </message>
    <message>
        <source>{platform} bargain</source>
        <translation>{platform}砍价</translation>
    </message>
    <message>
        <source>A bargain</source>
        <translation>一个砍价</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <source>Notification</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Close notification</source>
        <translation>关闭通知</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>撤销（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Request logged</source>
        <translation>已记录求助</translation>
    </message>
    <message>
        <source>Help logged</source>
        <translation>已记录互助</translation>
    </message>
    <message>
        <source>Logged late (over two days back): it counts in your ledger and history, not for daily quests or streaks.</source>
        <translation>这是补记（早于两天前）：会记入人情账和历史，但不计入每日任务和连续天数。</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>铜</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>铂金</translation>
    </message>
    <message>
        <source>Diamond</source>
        <translation>钻石</translation>
    </message>
    <message>
        <source>Quest step done: {chain} — {step}</source>
        <translation>完成任务步骤：{chain} — {step}</translation>
    </message>
    <message>
        <source>Quest completed: {chain}</source>
        <translation>完成任务：{chain}</translation>
    </message>
    <message>
        <source>Badge earned: {badge} ({tier})</source>
        <translation>获得徽章：{badge}（{tier}）</translation>
    </message>
    <message>
        <source>Level {level} reached!</source>
        <translation>升到 {level} 级！</translation>
    </message>
    <message>
        <source>Now open: {chains}</source>
        <translation>新解锁：{chains}</translation>
    </message>
    <message>
        <source>+{points} own</source>
        <translation>+{points} 自建</translation>
    </message>
    <message>
        <source>Quest step taken back: {chain} — {step}</source>
        <translation>收回任务步骤：{chain} — {step}</translation>
    </message>
    <message>
        <source>Quest taken back: {chain}</source>
        <translation>收回任务：{chain}</translation>
    </message>
    <message>
        <source>Badge taken back: {badge} ({tier})</source>
        <translation>收回徽章：{badge}（{tier}）</translation>
    </message>
    <message>
        <source>Level {before} → {after}</source>
        <translation>等级 {before} → {after}</translation>
    </message>
    <message>
        <source>Help saved</source>
        <translation>互助已保存</translation>
    </message>
    <message>
        <source>Help deleted</source>
        <translation>互助已删除</translation>
    </message>
    <message>
        <source>Request saved</source>
        <translation>求助已保存</translation>
    </message>
    <message>
        <source>Request deleted</source>
        <translation>求助已删除</translation>
    </message>
    <message>
        <source>Deal saved</source>
        <translation>拼团砍价已保存</translation>
    </message>
    <message>
        <source>Deal deleted</source>
        <translation>拼团砍价已删除</translation>
    </message>
    <message>
        <source>Group saved</source>
        <translation>群已保存</translation>
    </message>
    <message>
        <source>Group deleted</source>
        <translation>群已删除</translation>
    </message>
    <message>
        <source>Contact saved</source>
        <translation>群友已保存</translation>
    </message>
    <message>
        <source>Contact deleted</source>
        <translation>群友已删除</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Welcome! Nothing is recorded yet. The groups, contacts, deals and helps you record will show up here.</source>
        <translation>欢迎！目前还没有任何记录。你记录的群、群友、拼团/砍价和互助都会显示在这里。</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>进行中的拼团/砍价</translation>
    </message>
    <message>
        <source>Helps</source>
        <translation>互助</translation>
    </message>
    <message>
        <source>Deadlines soon</source>
        <translation>即将截止</translation>
    </message>
    <message>
        <source>Open deals whose deadline is within three days</source>
        <translation>三天内截止的进行中拼团/砍价</translation>
    </message>
    <message>
        <source>No deadlines in the next three days. Relax!</source>
        <translation>未来三天没有即将截止的拼团/砍价，放轻松！</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>最近动态</translation>
    </message>
    <message>
        <source>The latest entries of your history</source>
        <translation>你最新的动态记录</translation>
    </message>
    <message>
        <source>No activity yet. What you record shows up here.</source>
        <translation>还没有动态。你记录的内容会显示在这里。</translation>
    </message>
    <message>
        <source>You owe</source>
        <translation>我欠的人情</translation>
    </message>
    <message>
        <source>Contacts who helped you more often than you helped them</source>
        <translation>帮助你的次数多于你帮助对方的群友</translation>
    </message>
    <message>
        <source>Only takes</source>
        <translation>只索取不回报</translation>
    </message>
    <message>
        <source>Contacts you helped several times lately who gave nothing back</source>
        <translation>最近你多次帮助、对方却毫无回报的群友</translation>
    </message>
    <message>
        <source>You owe nobody a favour. Nice!</source>
        <translation>你不欠任何人情，真棒！</translation>
    </message>
    <message>
        <source>Nobody only takes.</source>
        <translation>没有只索取不回报的群友。</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>互助往来</translation>
    </message>
    <message>
        <source>Helps given and received per contact</source>
        <translation>按群友统计的帮助他人与获得帮助次数</translation>
    </message>
    <message>
        <source>No contacts yet. Add the people you help and who help you.</source>
        <translation>还没有群友。添加你帮助过的人和帮助过你的人吧。</translation>
    </message>
    <message>
        <source>Level, points and quests</source>
        <translation>等级、积分与任务</translation>
    </message>
    <message>
        <source>Days in a row on which you helped someone. A rest day a week (Settings) and streak freezes, one for every seven days of a streak, cover missed days; missing a day never costs points.</source>
        <translation>连续帮人的天数。每周一天休息日（在设置里改），还有补签卡（连续满七天送一张）可以补上漏掉的日子；漏掉一天也从不扣分。</translation>
    </message>
    <message>
        <source>Helps you gave today, and the daily budget set in Settings</source>
        <translation>今天帮了几次，以及在设置里定的每日助力上限</translation>
    </message>
    <message>
        <source>Your level and points are being recounted after a correction…</source>
        <translation>正在根据更正重新计算你的等级和积分…</translation>
    </message>
    <message>
        <source>Level {level} · {points} points · {left} to the next level</source>
        <translation>等级 {level} · 积分 {points} · 距下一级还差 {left}</translation>
    </message>
    <message>
        <source>Quests in progress: {titles}</source>
        <translation>进行中的任务：{titles}</translation>
    </message>
    <message>
        <source>No help streak yet: help someone today</source>
        <translation>还没有连续助力：今天就帮一把吧</translation>
    </message>
    <message>
        <source>Help streak: 1 day</source>
        <translation>连续助力：1 天</translation>
    </message>
    <message>
        <source>Help streak: {days} days</source>
        <translation>连续助力：{days} 天</translation>
    </message>
    <message>
        <source>1 streak freeze</source>
        <translation>补签卡 ×1</translation>
    </message>
    <message>
        <source>{count} streak freezes</source>
        <translation>补签卡 ×{count}</translation>
    </message>
    <message>
        <source>{group} until {time}</source>
        <translation>{group}（到 {time}）</translation>
    </message>
    <message>
        <source>Open now: {groups}</source>
        <translation>正在活动时段：{groups}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>等另外 {count} 个群</translation>
    </message>
    <message>
        <source>No group is in its activity window now</source>
        <translation>现在没有群在活动时段</translation>
    </message>
    <message>
        <source>Groups whose activity window (活动时段) is open now</source>
        <translation>当前处于活动时段的群</translation>
    </message>
    <message>
        <source>Helps given today: {given}</source>
        <translation>今日已助力：{given} 次</translation>
    </message>
    <message>
        <source>Helps given today: {given} of {budget}, over your budget</source>
        <translation>今日已助力：{given}/{budget} 次，超出上限了</translation>
    </message>
    <message>
        <source>Helps given today: {given} of {budget}</source>
        <translation>今日已助力：{given}/{budget} 次</translation>
    </message>
    <message>
        <source>Good morning, {name}</source>
        <translation>{name}，早上好</translation>
    </message>
    <message>
        <source>Good afternoon, {name}</source>
        <translation>{name}，下午好</translation>
    </message>
    <message>
        <source>Good evening, {name}</source>
        <translation>{name}，晚上好</translation>
    </message>
    <message>
        <source>Good morning</source>
        <translation>早上好</translation>
    </message>
    <message>
        <source>Good afternoon</source>
        <translation>下午好</translation>
    </message>
    <message>
        <source>Good evening</source>
        <translation>晚上好</translation>
    </message>
    <message>
        <source>received {received} · gave {given}</source>
        <translation>受助 {received} 次 · 助人 {given} 次</translation>
    </message>
    <message>
        <source>you helped {count}× in 30 days</source>
        <translation>30天内帮TA {count} 次</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>The game is catching up with a correction: {done} of {total} facts counted…</source>
        <translation>游戏正在根据更正重新计算：已计入 {done} / {total} 条事实…</translation>
    </message>
    <message>
        <source>The game is up to date.</source>
        <translation>游戏已是最新。</translation>
    </message>
</context>
<context>
    <name>WipeDialog</name>
    <message>
        <source>Wipe everything?</source>
        <translation>清除全部数据？</translation>
    </message>
    <message>
        <source>WIPE</source>
        <translation>删除全部</translation>
    </message>
    <message>
        <source>This deletes every group, contact, deal, help and settlement, the whole history, your points and badges, and every backup in both backup folders. A new, empty profile starts. Files you exported are not touched. This cannot be undone.</source>
        <translation>这将删除所有群、群友、拼团砍价、互助和结清记录，全部动态、积分和徽章，以及两个备份文件夹中的所有备份，然后从一个新的空白档案开始。已导出的文件不受影响。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Type {word} to confirm:</source>
        <translation>请输入“{word}”以确认：</translation>
    </message>
    <message>
        <source>Confirmation word</source>
        <translation>确认词</translation>
    </message>
    <message>
        <source>&amp;Wipe everything</source>
        <translation>清除全部数据(&amp;W)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>_BalanceModel</name>
    <message>
        <source>Helps given minus helps received since the last settlement</source>
        <translation>自上次结清以来，帮助他人次数减去获得帮助次数</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>subcommands</source>
        <translation>子命令</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示本帮助并退出</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>这个选项不带值，却给了“%s”</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少必需的参数：%s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须给出以下参数之一：%s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>后面需要一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>后面最多只能有一个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>后面至少需要一个值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>后面需要 %s 个值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>后面需要 %s 个值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项不明确：%(option)s 可以指 %(matches)s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>这里不应出现选项：%s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的值：“%(value)s”</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：“%(value)s”（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的命令：“%(parser_name)s”（可选：%(choices)s）</translation>
    </message>
</context>
<context>
    <name>badges</name>
    <message>
        <source>{path} is not a folder (it or a folder above it is a file): give a folder.</source>
        <translation>{path} 不是文件夹（它本身或某一级上级文件夹是文件）：请指定一个文件夹。</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} 天</translation>
    </message>
    <message>
        <source>{goal} The {tier} tier is earned at {amount}.</source>
        <translation>{goal}达到 {amount} 即获得{tier}级。</translation>
    </message>
    <message>
        <source>{title} ({tier})</source>
        <translation>{title}（{tier}）</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>--{flag} takes a whole number, not &apos;{value}&apos;.</source>
        <translation>--{flag} 需要一个整数，而不是“{value}”。</translation>
    </message>
    <message>
        <source>--tier-yuan takes PARTICIPANTS:YUAN with at most two decimals, e.g. 3:29.90, not &apos;{value}&apos;.</source>
        <translation>--tier-yuan 的格式是“人数:元”（最多两位小数），例如 3:29.90，而不是“{value}”。</translation>
    </message>
    <message>
        <source>Give the amount once: in fen or in yuan.</source>
        <translation>金额只需给出一次：以分或以元为单位。</translation>
    </message>
    <message>
        <source>group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Left out {old} shares from before {date} (the earliest time an entry may have) and {future} dated in the future.</source>
        <translation>没有列出 {old} 条早于 {date}（条目最早可用的时间）的分享，以及 {future} 条时间在未来的分享。</translation>
    </message>
    <message>
        <source>Line {line} not logged: {why}</source>
        <translation>第 {line} 行没有记下：{why}</translation>
    </message>
    <message>
        <source>Logged {accepted} entries from {file} in {group}; {already} were logged already.</source>
        <translation>从 {file} 记下了 {accepted} 条，记在 {group}；{already} 条之前已经记过。</translation>
    </message>
    <message>
        <source>help</source>
        <translation>帮忙</translation>
    </message>
    <message>
        <source>deal</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>you</source>
        <translation>你</translation>
    </message>
    <message>
        <source>{count} proposals from {messages} messages; nothing was logged (--accept-all logs them).</source>
        <translation>{messages} 条消息中有 {count} 条提议；什么都没有记下（--accept-all 会全部记下）。</translation>
    </message>
    <message>
        <source>request</source>
        <translation>求助</translation>
    </message>
    <message>
        <source>help exchange</source>
        <translation>互助记录</translation>
    </message>
    <message>
        <source>Added {kind} {label} ({id}).</source>
        <translation>已添加{kind} {label}（{id}）。</translation>
    </message>
    <message>
        <source>Saved {kind} {label} ({id}).</source>
        <translation>已保存{kind} {label}（{id}）。</translation>
    </message>
    <message>
        <source>Deleted {kind} {id}.</source>
        <translation>已删除{kind} {id}。</translation>
    </message>
    <message>
        <source>The link looks dangerous ({reasons}): it is saved with that verdict; do not open it unless you are sure where it goes (`links check` explains).</source>
        <translation>这个链接看起来有危险（{reasons}）：已连同这一判定保存；除非确定它通向哪里，请不要打开（`links check` 可查看原因）。</translation>
    </message>
    <message>
        <source>Nothing to change: give at least one field flag.</source>
        <translation>没有需要修改的内容：请至少指定一个字段选项。</translation>
    </message>
    <message>
        <source>Settled {count} helps with {contact}: the balance is now {balance}.</source>
        <translation>已与{contact}结清 {count} 次帮助：互助往来现在是 {balance}。</translation>
    </message>
    <message>
        <source>we are even</source>
        <translation>两清</translation>
    </message>
    <message>
        <source>a red packet</source>
        <translation>红包</translation>
    </message>
    <message>
        <source>Settled up with {contact} ({how}): the balance counts from here.</source>
        <translation>已与{contact}结清（{how}）：互助往来从这里重新计。</translation>
    </message>
    <message>
        <source>Your picture was removed.</source>
        <translation>已移除你的头像。</translation>
    </message>
    <message>
        <source>Picture set ({width} × {height} pixels, stored without its metadata).</source>
        <translation>头像已设置（{width} × {height} 像素，已去掉元数据）。</translation>
    </message>
    <message>
        <source>There is no data in {path} yet.</source>
        <translation>{path} 中还没有数据。</translation>
    </message>
    <message>
        <source>Catching up the game: {done} of {total} facts counted…</source>
        <translation>正在重新计算游戏：已计入 {done} / {total} 条事实…</translation>
    </message>
    <message>
        <source>Name set to {name}.</source>
        <translation>名字已设为 {name}。</translation>
    </message>
    <message>
        <source>Rest days set to {days} a week; streaks were counted again with them.</source>
        <translation>休息日已设为每周 {days} 天，连续天数已按此重新计算。</translation>
    </message>
    <message>
        <source>The time zone is already {zone}.</source>
        <translation>时区已经是 {zone}。</translation>
    </message>
    <message>
        <source>Time zone set to {zone} (was {old}); the game was rebuilt in it.</source>
        <translation>时区已设为 {zone}（原为 {old}）；游戏已按新时区重建。</translation>
    </message>
    <message>
        <source>Name: {value}</source>
        <translation>名字：{value}</translation>
    </message>
    <message>
        <source>Language: {value}</source>
        <translation>语言：{value}</translation>
    </message>
    <message>
        <source>Time zone: {value}</source>
        <translation>时区：{value}</translation>
    </message>
    <message>
        <source>Rest days a week (streaks): {value}</source>
        <translation>每周休息日（连续天数）：{value}</translation>
    </message>
    <message>
        <source>Picture: {value}</source>
        <translation>头像：{value}</translation>
    </message>
    <message>
        <source>Merged {other} into {keep} ({id}).</source>
        <translation>已将{other}合并到{keep}（{id}）。</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <source>Backed up to {path} (verified).</source>
        <translation>已备份到 {path}（已验证）。</translation>
    </message>
    <message>
        <source>Backups are also copied to {path}.</source>
        <translation>备份也会复制到 {path}。</translation>
    </message>
    <message>
        <source>Backups are no longer copied to a second folder.</source>
        <translation>备份不再复制到第二个文件夹。</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>(not verified: not counted as a backup)</source>
        <translation>（未验证：不算作备份）</translation>
    </message>
    <message>
        <source>Second folder: {path}</source>
        <translation>第二个文件夹：{path}</translation>
    </message>
    <message>
        <source>Started anew with an empty database in {path}.</source>
        <translation>已在 {path} 中以空数据库重新开始。</translation>
    </message>
    <message>
        <source>Salvaged {rows} rows from {path} into a new database ({lost} could not be read).</source>
        <translation>已从 {path} 抢救出 {rows} 条记录到新数据库（{lost} 条无法读取）。</translation>
    </message>
    <message>
        <source>Restored {path}.</source>
        <translation>已恢复 {path}。</translation>
    </message>
    <message>
        <source>What was there before is kept in {path}.</source>
        <translation>恢复前的数据保存在 {path} 中。</translation>
    </message>
    <message>
        <source>quick_check: {value}</source>
        <translation>快速检查（quick_check）：{value}</translation>
    </message>
    <message>
        <source>integrity_check: {value}</source>
        <translation>完整性检查（integrity_check）：{value}</translation>
    </message>
    <message>
        <source>foreign keys: {value}</source>
        <translation>外键：{value}</translation>
    </message>
    <message>
        <source>schema: {revision} (this app: {head})</source>
        <translation>数据库结构版本：{revision}（本应用：{head}）</translation>
    </message>
    <message>
        <source>All good.</source>
        <translation>一切正常。</translation>
    </message>
    <message>
        <source>Problems found.</source>
        <translation>发现问题。</translation>
    </message>
    <message>
        <source>Demo data written to {path}: {counts}.</source>
        <translation>演示数据已写入 {path}：{counts}。</translation>
    </message>
    <message>
        <source>Installed quest pack {id} (version {version}).</source>
        <translation>已安装任务包 {id}（第 {version} 版）。</translation>
    </message>
    <message>
        <source>Removed quest pack {id}.</source>
        <translation>已移除任务包 {id}。</translation>
    </message>
    <message>
        <source>resets daily</source>
        <translation>每天重置</translation>
    </message>
    <message>
        <source>resets weekly</source>
        <translation>每周重置</translation>
    </message>
    <message>
        <source>--out needs a folder name.</source>
        <translation>--out 需要一个文件夹名称。</translation>
    </message>
    <message>
        <source>Drew {count} badge images in {path}.</source>
        <translation>已在 {path} 中绘制 {count} 张徽章图片。</translation>
    </message>
    <message>
        <source>{progress} of {target} for {tier}</source>
        <translation>{progress} / {target}（下一档：{tier}）</translation>
    </message>
    <message>
        <source>{progress}, every tier earned</source>
        <translation>{progress}，各档都已拿到</translation>
    </message>
    <message>
        <source>(tiers: {ladder})</source>
        <translation>（各档：{ladder}）</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>铜</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>铂金</translation>
    </message>
    <message>
        <source>Diamond</source>
        <translation>钻石</translation>
    </message>
    <message>
        <source>Level {level}, {points} points ({next} for the next level).</source>
        <translation>等级 {level}，积分 {points}（下一级需 {next}）。</translation>
    </message>
    <message>
        <source>Your own quests: {points} points (shown apart: they do not raise the level).</source>
        <translation>自建任务：{points} 积分（单独计算，不提升等级）。</translation>
    </message>
    <message>
        <source>The last {shown} of {total} entries (--all shows every one):</source>
        <translation>共 {total} 条，下面是最近 {shown} 条（加 --all 看全部）：</translation>
    </message>
    <message>
        <source>a help</source>
        <translation>帮了一次忙</translation>
    </message>
    <message>
        <source>a help to the same person again</source>
        <translation>当天又帮了同一个人</translation>
    </message>
    <message>
        <source>a favour returned</source>
        <translation>还了人情</translation>
    </message>
    <message>
        <source>a polite request</source>
        <translation>守规矩的求助</translation>
    </message>
    <message>
        <source>joined a group</source>
        <translation>加入了群</translation>
    </message>
    <message>
        <source>a deal</source>
        <translation>一个拼团砍价</translation>
    </message>
    <message>
        <source>a quest</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>a badge</source>
        <translation>徽章</translation>
    </message>
    <message>
        <source>your own quest</source>
        <translation>你自己的任务</translation>
    </message>
    <message>
        <source>The game state matches the facts.</source>
        <translation>游戏状态与记录一致。</translation>
    </message>
    <message>
        <source>The stored game state differs from a recompute.</source>
        <translation>已保存的游戏状态与重新计算的结果不一致。</translation>
    </message>
    <message>
        <source>Rebuilt the game from the facts: {events} game events, {entries} points entries.</source>
        <translation>已根据记录重建游戏：{events} 条游戏动态，{entries} 条积分记录。</translation>
    </message>
    <message>
        <source>Saved {count} screenshots in {path}.</source>
        <translation>已将 {count} 张截图保存到 {path}。</translation>
    </message>
    <message>
        <source>the data folder to use</source>
        <translation>要使用的数据文件夹</translation>
    </message>
    <message>
        <source>language of messages</source>
        <translation>消息语言</translation>
    </message>
    <message>
        <source>the group&apos;s rules (群规)</source>
        <translation>群规</translation>
    </message>
    <message>
        <source>an activity window, e.g. &quot;Mon-Fri 20:00-22:00&quot; (repeatable)</source>
        <translation>活动时段，例如“周一-周五 20:00-22:00”（可重复指定）</translation>
    </message>
    <message>
        <source>a group the contact is met in (repeatable)</source>
        <translation>结识该群友的群（可重复指定）</translation>
    </message>
    <message>
        <source>a deal I started (default: one I joined)</source>
        <translation>由我发起的拼团砍价（默认：我参与的）</translation>
    </message>
    <message>
        <source>when it started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>log it even if the same link is already logged</source>
        <translation>即使相同链接已记录过，也照样记录</translation>
    </message>
    <message>
        <source>the group asked, by name or id</source>
        <translation>在哪个群求助：群名或 id</translation>
    </message>
    <message>
        <source>the deal it is for, by title or id</source>
        <translation>为哪个拼团砍价：标题或 id</translation>
    </message>
    <message>
        <source>a note, one line</source>
        <translation>备注，一行</translation>
    </message>
    <message>
        <source>who: a contact&apos;s nickname or id</source>
        <translation>帮了谁/谁帮的：群友昵称或 id</translation>
    </message>
    <message>
        <source>the group it happened in, by name or id</source>
        <translation>在哪个群：群名或 id</translation>
    </message>
    <message>
        <source>the deal it helped, by title or id</source>
        <translation>帮的是哪个拼团砍价：标题或 id</translation>
    </message>
    <message>
        <source>{message} (see --help)</source>
        <translation>{message}（参见 --help）</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number.</source>
        <translation>“{value}”不是整数。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not between 0 and 1,000,000,000.</source>
        <translation>“{value}”不在 0 到 1,000,000,000 之间。</translation>
    </message>
    <message>
        <source>the group&apos;s name</source>
        <translation>群名</translation>
    </message>
    <message>
        <source>requests for help allowed a day</source>
        <translation>每天允许发几次求助</translation>
    </message>
    <message>
        <source>when you joined</source>
        <translation>你入群的时间</translation>
    </message>
    <message>
        <source>when you left</source>
        <translation>你退群的时间</translation>
    </message>
    <message>
        <source>archived: kept, but out of the way</source>
        <translation>归档：记录保留，但不再出现在常用列表里</translation>
    </message>
    <message>
        <source>a note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>the contact&apos;s nickname</source>
        <translation>群友的昵称</translation>
    </message>
    <message>
        <source>their WeChat ID (private)</source>
        <translation>TA的微信号（私密）</translation>
    </message>
    <message>
        <source>their phone number (private)</source>
        <translation>TA的手机号（私密）</translation>
    </message>
    <message>
        <source>{what}, in fen (100 fen = ¥1)</source>
        <translation>{what}，以分为单位（100 分 = ¥1）</translation>
    </message>
    <message>
        <source>{what}, in yuan (at most two decimals)</source>
        <translation>{what}，以元为单位（最多两位小数）</translation>
    </message>
    <message>
        <source>what it is, e.g. the product</source>
        <translation>是什么，例如商品名</translation>
    </message>
    <message>
        <source>its link (http or https)</source>
        <translation>链接（http 或 https）</translation>
    </message>
    <message>
        <source>the group it is in, by name or id</source>
        <translation>所在的群：群名或 id</translation>
    </message>
    <message>
        <source>the original price</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>the target price (0: free)</source>
        <translation>目标价（0 表示免费拿）</translation>
    </message>
    <message>
        <source>the price now</source>
        <translation>现价</translation>
    </message>
    <message>
        <source>a group-buy price tier in fen, e.g. 3:2990 (repeatable)</source>
        <translation>拼团价格档位，以分为单位，例如 3:2990（可重复指定）</translation>
    </message>
    <message>
        <source>a group-buy price tier in yuan, e.g. 3:29.90 (repeatable)</source>
        <translation>拼团价格档位，以元为单位，例如 3:29.90（可重复指定）</translation>
    </message>
    <message>
        <source>participants needed (default: the smallest tier&apos;s)</source>
        <translation>成团所需人数（默认：最低档位的人数）</translation>
    </message>
    <message>
        <source>participants so far</source>
        <translation>已参团人数</translation>
    </message>
    <message>
        <source>when it ends</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>a screenshot of it: a JPEG, PNG or WebP file, stored without its metadata (&quot;&quot;: none)</source>
        <translation>它的截图：JPEG、PNG 或 WebP 文件，保存时去掉元数据（&quot;&quot;：不要截图）</translation>
    </message>
    <message>
        <source>remove its screenshot</source>
        <translation>移除它的截图</translation>
    </message>
    <message>
        <source>the amount cut or paid</source>
        <translation>砍掉或支付的金额</translation>
    </message>
    <message>
        <source>{help} (required)</source>
        <translation>{help}（必填）</translation>
    </message>
    <message>
        <source>the record&apos;s id (a group, contact or deal also by its name)</source>
        <translation>记录的 id（群、群友和拼团砍价也可以用名称）</translation>
    </message>
    <message>
        <source>the folder to write the images into (made if missing)</source>
        <translation>图片写入的文件夹（不存在时自动创建）</translation>
    </message>
    <message>
        <source>print JSON, for scripts (docs/cli.md gives its shape)</source>
        <translation>输出 JSON，供脚本使用（格式见 docs/cli.md）</translation>
    </message>
    <message>
        <source>when it happened, e.g. 2026-11-25T20:00 in your time zone (default: now)</source>
        <translation>发生的时间，如 2026-11-25T20:00，按你的时区（默认：现在）</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a window size from 320x240 to 7680x4320, such as 1024x640.</source>
        <translation>“{value}”不是有效的窗口尺寸：应在 320x240 到 7680x4320 之间，例如 1024x640。</translation>
    </message>
    <message>
        <source>Pintuan Quest: your private logbook of group buys and bargain help.</source>
        <translation>拼团任务：你的私人拼团与砍价互助记录本。</translation>
    </message>
    <message>
        <source>print the version and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>open the window on demo data</source>
        <translation>用演示数据打开窗口</translation>
    </message>
    <message>
        <source>fill a data folder with demo data</source>
        <translation>向数据文件夹填充演示数据</translation>
    </message>
    <message>
        <source>how many activities to generate (default 3,000)</source>
        <translation>生成多少条动态（默认 3,000）</translation>
    </message>
    <message>
        <source>the same seed gives the same data (default 1)</source>
        <translation>随机种子：种子相同，生成的数据也相同（默认 1）</translation>
    </message>
    <message>
        <source>add a record</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <source>change a record</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>a group you are in (社群)</source>
        <translation>你所在的群</translation>
    </message>
    <message>
        <source>someone you swap favours with (群友)</source>
        <translation>和你互相帮忙的群友</translation>
    </message>
    <message>
        <source>a group buy, bargain or boost you started or joined</source>
        <translation>你发起或参加的拼团、砍价或助力</translation>
    </message>
    <message>
        <source>a request for help you posted in a group</source>
        <translation>你在群里发的求助</translation>
    </message>
    <message>
        <source>a help you gave or got</source>
        <translation>你帮别人或别人帮你的一次互助</translation>
    </message>
    <message>
        <source>print the new record as JSON</source>
        <translation>以 JSON 格式输出新记录</translation>
    </message>
    <message>
        <source>print the record as JSON</source>
        <translation>以 JSON 格式输出记录</translation>
    </message>
    <message>
        <source>also take the old values of the fields this changes (handles, phone, link, notes) out of the history and the backups</source>
        <translation>同时从动态记录和备份中删去本次修改的字段（微信号、手机号、链接、备注）的旧值</translation>
    </message>
    <message>
        <source>delete a record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>settle up with a contact: even, a favour, a red packet, or partly</source>
        <translation>与群友结清：两清、还人情、发红包或部分结清</translation>
    </message>
    <message>
        <source>even (default), favour (returned one), hongbao (a red packet), partial (some helps: give --helps)</source>
        <translation>even（两清，默认）、favour（还了人情）、hongbao（发了红包）、partial（部分结清：用 --helps 给出次数）</translation>
    </message>
    <message>
        <source>with --how partial: how many helps it settles</source>
        <translation>与 --how partial 一起用：结清几次帮助</translation>
    </message>
    <message>
        <source>the red packet&apos;s amount (or money that went with it), in yuan</source>
        <translation>红包金额（或随之给的钱），单位：元</translation>
    </message>
    <message>
        <source>print the settlement as JSON</source>
        <translation>以 JSON 输出这次结清</translation>
    </message>
    <message>
        <source>show your name, language, time zone and rest days; change them</source>
        <translation>显示你的名字、语言、时区和休息日；可修改</translation>
    </message>
    <message>
        <source>the name the window greets you by (empty: none)</source>
        <translation>窗口问候你时用的名字（留空：不用名字）</translation>
    </message>
    <message>
        <source>your IANA time zone, e.g. Asia/Shanghai (rebuilds the game)</source>
        <translation>你的 IANA 时区，例如 Asia/Shanghai（会重建游戏）</translation>
    </message>
    <message>
        <source>missed days a week that keep a streak, 0 to 3 (rebuilds the game)</source>
        <translation>每周可缺席而不中断连续天数的天数，0 到 3（会重算游戏）</translation>
    </message>
    <message>
        <source>your picture: a JPEG, PNG or WebP file, stored without its metadata (&quot;&quot;: none)</source>
        <translation>你的头像：JPEG、PNG 或 WebP 文件，保存时去掉元数据（&quot;&quot;：不要头像）</translation>
    </message>
    <message>
        <source>remove your picture</source>
        <translation>移除你的头像</translation>
    </message>
    <message>
        <source>merge two contacts</source>
        <translation>合并两位群友</translation>
    </message>
    <message>
        <source>what to merge: contacts</source>
        <translation>要合并什么：contacts（群友）</translation>
    </message>
    <message>
        <source>the contact that stays, by nickname or id</source>
        <translation>保留的群友：昵称或 id</translation>
    </message>
    <message>
        <source>the same person logged twice: moved into KEEP, then removed</source>
        <translation>被重复记录的同一个人：并入 KEEP 后删除</translation>
    </message>
    <message>
        <source>list records</source>
        <translation>列出记录</translation>
    </message>
    <message>
        <source>groups, contacts, deals, requests, helps or activities (or one of them: deal, help…)</source>
        <translation>groups、contacts、deals、requests、helps 或 activities（也可以用单数：deal、help…）</translation>
    </message>
    <message>
        <source>at most N rows (default: all)</source>
        <translation>最多列出 N 行（默认：全部）</translation>
    </message>
    <message>
        <source>show the reciprocity ledger</source>
        <translation>显示人情账</translation>
    </message>
    <message>
        <source>check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>back up the database now</source>
        <translation>立即备份数据库</translation>
    </message>
    <message>
        <source>list the backups</source>
        <translation>列出备份</translation>
    </message>
    <message>
        <source>also copy every backup into this folder (another drive)</source>
        <translation>把每份备份也复制到这个文件夹（最好在另一个磁盘上）</translation>
    </message>
    <message>
        <source>stop copying backups into a second folder</source>
        <translation>不再把备份复制到第二个文件夹</translation>
    </message>
    <message>
        <source>restore a backup (the current state is backed up first)</source>
        <translation>恢复备份（会先备份当前数据）</translation>
    </message>
    <message>
        <source>a backup file (see `backups`)</source>
        <translation>备份文件（参见 `backups`）</translation>
    </message>
    <message>
        <source>the newest verified backup</source>
        <translation>最新的已验证备份</translation>
    </message>
    <message>
        <source>recover what can be read from a damaged copy (default: the newest)</source>
        <translation>从损坏的副本中抢救可读取的数据（默认：最新的副本）</translation>
    </message>
    <message>
        <source>start anew with an empty database (only where there is none)</source>
        <translation>以空数据库重新开始（仅在没有数据库时）</translation>
    </message>
    <message>
        <source>show quest chains; install packs</source>
        <translation>查看任务链；安装任务包</translation>
    </message>
    <message>
        <source>install a quest pack</source>
        <translation>安装任务包</translation>
    </message>
    <message>
        <source>the pack file (docs/quests.md)</source>
        <translation>任务包文件（见 docs/quests.md）</translation>
    </message>
    <message>
        <source>remove a quest pack</source>
        <translation>移除任务包</translation>
    </message>
    <message>
        <source>an installed pack&apos;s id</source>
        <translation>已安装任务包的 id</translation>
    </message>
    <message>
        <source>show achievements and badges</source>
        <translation>查看成就与徽章</translation>
    </message>
    <message>
        <source>draw every badge as PNG</source>
        <translation>把所有徽章绘制为 PNG</translation>
    </message>
    <message>
        <source>render every page to PNG</source>
        <translation>将每个页面渲染为 PNG</translation>
    </message>
    <message>
        <source>window size in pixels, e.g. 1024x640 (default 1280x800)</source>
        <translation>窗口大小（像素），例如 1024x640（默认 1280x800）</translation>
    </message>
    <message>
        <source>light or dark (default light)</source>
        <translation>浅色或深色（默认浅色）</translation>
    </message>
    <message>
        <source>show points and level</source>
        <translation>查看积分与等级</translation>
    </message>
    <message>
        <source>print every points entry, not the last 10</source>
        <translation>列出全部积分记录，而不只是最近 10 条</translation>
    </message>
    <message>
        <source>rebuild the game from the facts</source>
        <translation>根据记录重建游戏</translation>
    </message>
    <message>
        <source>compare with the stored state instead; exit 1 on any difference</source>
        <translation>只与已保存的状态比较；有任何差异时以 1 退出</translation>
    </message>
    <message>
        <source>erase a contact&apos;s details for good (history kept under a pseudonym)</source>
        <translation>永久抹除一位群友的资料（记录以化名保留）</translation>
    </message>
    <message>
        <source>what to erase: contact</source>
        <translation>要抹除的对象：contact（群友）</translation>
    </message>
    <message>
        <source>print what was done as JSON</source>
        <translation>以 JSON 输出所做的操作</translation>
    </message>
    <message>
        <source>delete all data and every backup, for good</source>
        <translation>永久删除全部数据和所有备份</translation>
    </message>
    <message>
        <source>required: without it nothing is deleted</source>
        <translation>必填：不加此参数则不会删除任何内容</translation>
    </message>
    <message>
        <source>check links offline; flag a suspicious one</source>
        <translation>离线检查链接；标记可疑链接</translation>
    </message>
    <message>
        <source>judge links (ok, warn or danger, with reasons) without the network or a data folder</source>
        <translation>判定链接（ok、warn 或 danger，并给出原因），不联网，也不需要数据文件夹</translation>
    </message>
    <message>
        <source>the links to judge, as typed</source>
        <translation>要判定的链接，按原样输入</translation>
    </message>
    <message>
        <source>print one JSON object per link (the output is always JSON lines)</source>
        <translation>每个链接输出一个 JSON 对象（输出始终是逐行 JSON）</translation>
    </message>
    <message>
        <source>read a pasted share text (拼团, 砍价, 助力): what deal it proposes; nothing is written</source>
        <translation>读取粘贴的分享内容（拼团、砍价、助力）：看它提议的拼团砍价；不写入任何数据</translation>
    </message>
    <message>
        <source>the share text (- to read it from standard input)</source>
        <translation>分享内容（- 表示从标准输入读取）</translation>
    </message>
    <message>
        <source>print what it proposes as one JSON object (an empty one for no share)</source>
        <translation>以一个 JSON 对象输出提议（不是分享时输出空对象）</translation>
    </message>
    <message>
        <source>record that a link looks like a fraud</source>
        <translation>记下一个像是诈骗的链接</translation>
    </message>
    <message>
        <source>the link, as it was shared (- for the deal&apos;s own link, with --deal)</source>
        <translation>链接，照分享时的原样（配合 --deal 时写 - 表示该拼团砍价自己的链接）</translation>
    </message>
    <message>
        <source>the deal it belongs to</source>
        <translation>链接所属的拼团砍价</translation>
    </message>
    <message>
        <source>why, in your words</source>
        <translation>原因，用你自己的话说</translation>
    </message>
    <message>
        <source>export your history under a share preset</source>
        <translation>按分享预设导出你的记录</translation>
    </message>
    <message>
        <source>backup, friends, public or one of yours (see `presets`)</source>
        <translation>backup、friends、public 或你自己的预设（见 `presets`）</translation>
    </message>
    <message>
        <source>json, csv (a .zip of tables), a report to read (html or pdf), card (a share card .png) or badges (a .zip of Open Badges 3.0 baked .png); default json</source>
        <translation>json、csv（每张表一个文件，打包成 .zip）、供阅读的报告（html 或 pdf）、card（分享卡片 .png）或 badges（Open Badges 3.0 徽章 .png 的 .zip 包）；默认 json</translation>
    </message>
    <message>
        <source>the file to write (a .zip for csv and badges, a .png for card)</source>
        <translation>要写入的文件（csv 和 badges 用 .zip，card 用 .png）</translation>
    </message>
    <message>
        <source>show what would leave, by class and section; write nothing</source>
        <translation>按类别和分区显示将导出的内容；不写入任何文件</translation>
    </message>
    <message>
        <source>import a backup export (merged with the data already here)</source>
        <translation>导入备份导出文件（与这里已有的数据合并）</translation>
    </message>
    <message>
        <source>a backup export: .json, .json.gz or .zip</source>
        <translation>备份导出文件：.json、.json.gz 或 .zip</translation>
    </message>
    <message>
        <source>check the file and count what would change; write nothing</source>
        <translation>检查文件并统计将发生的变化；不写入任何内容</translation>
    </message>
    <message>
        <source>list or save share presets</source>
        <translation>列出或保存分享预设</translation>
    </message>
    <message>
        <source>save a preset of yours</source>
        <translation>保存你自己的预设</translation>
    </message>
    <message>
        <source>1 to 40 of a-z 0-9 - _</source>
        <translation>1 到 40 个字符，只能用 a-z 0-9 - _</translation>
    </message>
    <message>
        <source>counts, kinds, levels, points, badges (required)</source>
        <translation>数量、类型、等级、积分、徽章（必填）</translation>
    </message>
    <message>
        <source>your groups, titles, notes, amounts, times (required)</source>
        <translation>你的群、标题、备注、金额、时间（必填）</translation>
    </message>
    <message>
        <source>other people&apos;s nicknames, handles, notes, links (required)</source>
        <translation>他人的昵称、账号、备注、链接（必填）</translation>
    </message>
    <message>
        <source>delete a preset of yours</source>
        <translation>删除你自己的预设</translation>
    </message>
    <message>
        <source>a preset of yours</source>
        <translation>你自己的预设</translation>
    </message>
    <message>
        <source>list what was exported, and when</source>
        <translation>列出导出过的内容和时间</translation>
    </message>
    <message>
        <source>propose log entries from an exported group chat (a WeChatMsg CSV or a QQ text export); nothing is logged without --accept-all</source>
        <translation>从导出的群聊记录（WeChatMsg 的 CSV 或 QQ 的文本导出）提议要记的条目；没有 --accept-all 就什么都不记</translation>
    </message>
    <message>
        <source>the exported chat: .csv or .txt</source>
        <translation>导出的聊天记录：.csv 或 .txt</translation>
    </message>
    <message>
        <source>the group the chat is from (it must exist)</source>
        <translation>聊天所在的群（必须已存在）</translation>
    </message>
    <message>
        <source>your name in a QQ export (your profile&apos;s name counts already)</source>
        <translation>你在 QQ 导出记录里的名字（资料里的名字已经算在内）</translation>
    </message>
    <message>
        <source>log every proposal</source>
        <translation>记下所有提议</translation>
    </message>
    <message>
        <source>The value of {flag} (&apos;{value}&apos;) is not valid text: byte {byte} is not UTF-8.</source>
        <translation>{flag} 的值（“{value}”）不是有效的文本：字节 {byte} 不是 UTF-8 编码。</translation>
    </message>
    <message>
        <source>The argument &apos;{value}&apos; is not valid text: byte {byte} is not UTF-8.</source>
        <translation>参数“{value}”不是有效的文本：字节 {byte} 不是 UTF-8 编码。</translation>
    </message>
    <message>
        <source>(the log could not be written)</source>
        <translation>（无法写入日志）</translation>
    </message>
    <message>
        <source>Something went wrong inside Pintuan Quest (a bug): {error}. Details: {log}</source>
        <translation>拼团任务内部出错了（程序缺陷）：{error}。详细信息：{log}</translation>
    </message>
    <message>
        <source>The input is too large or too deeply nested to handle.</source>
        <translation>输入内容过大或嵌套过深，无法处理。</translation>
    </message>
    <message>
        <source>No display found: the window needs a graphical session. On a server, run it on a virtual screen: xvfb-run -a python -m app</source>
        <translation>未找到显示器：窗口需要图形会话。在服务器上，请在虚拟屏幕中运行：xvfb-run -a python -m app</translation>
    </message>
    <message>
        <source>Creating demo data in {path}…</source>
        <translation>正在 {path} 中创建演示数据…</translation>
    </message>
    <message>
        <source>Checking: {done} records…</source>
        <translation>正在检查：{done} 条记录…</translation>
    </message>
    <message>
        <source>An export with the preset &apos;{preset}&apos; as {format} to {path} would write:</source>
        <translation>用预设“{preset}”以 {format} 格式导出到 {path} 将写入：</translation>
    </message>
    <message>
        <source>{count} records</source>
        <translation>{count} 条记录</translation>
    </message>
    <message>
        <source>as records</source>
        <translation>逐条导出</translation>
    </message>
    <message>
        <source>as a count only</source>
        <translation>只导出数量</translation>
    </message>
    <message>
        <source>Nothing was written (--dry-run).</source>
        <translation>未写入任何内容（--dry-run）。</translation>
    </message>
    <message>
        <source>Exporting: {done} of {total} records…</source>
        <translation>正在导出：{done} / {total} 条记录…</translation>
    </message>
    <message>
        <source>Wrote the share card with the preset &apos;{preset}&apos; to {path}.</source>
        <translation>已用预设“{preset}”把分享卡片写入 {path}。</translation>
    </message>
    <message>
        <source>Wrote {count} baked Open Badges with the preset &apos;{preset}&apos; to {path}.</source>
        <translation>已用预设“{preset}”把 {count} 枚开放徽章写入 {path}。</translation>
    </message>
    <message>
        <source>Exported {count} records with the preset &apos;{preset}&apos; to {path}.</source>
        <translation>已用预设“{preset}”导出 {count} 条记录到 {path}。</translation>
    </message>
    <message>
        <source>Saved the preset &apos;{name}&apos;.</source>
        <translation>已保存预设“{name}”。</translation>
    </message>
    <message>
        <source>Deleted the preset &apos;{name}&apos;.</source>
        <translation>已删除预设“{name}”。</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <source>{name} ({kind}): safe {safe}, personal {personal}, third_party {third_party}</source>
        <translation>{name}（{kind}）：safe {safe}，personal {personal}，third_party {third_party}</translation>
    </message>
    <message>
        <source>Nothing has been exported yet.</source>
        <translation>还没有导出过任何内容。</translation>
    </message>
    <message>
        <source>Importing: {done} of {total} records…</source>
        <translation>正在导入：{done} / {total} 条记录…</translation>
    </message>
    <message>
        <source>Would import {file}: {added} added, {updated} updated, {unchanged} unchanged, {deleted} deleted. Nothing was written (--dry-run).</source>
        <translation>将导入 {file}：新增 {added}，更新 {updated}，不变 {unchanged}，删除 {deleted}。未写入任何内容（--dry-run）。</translation>
    </message>
    <message>
        <source>Imported {file}: {added} added, {updated} updated, {unchanged} unchanged, {deleted} deleted.</source>
        <translation>已导入 {file}：新增 {added}，更新 {updated}，不变 {unchanged}，删除 {deleted}。</translation>
    </message>
    <message>
        <source>  &apos;{new}&apos; shares a nickname with &apos;{old}&apos;: if they are one person, run merge contacts {old_id} {new_id}</source>
        <translation>  “{new}”与“{old}”昵称相同：如果是同一个人，请运行 merge contacts {old_id} {new_id}</translation>
    </message>
    <message>
        <source>{name} (blocked)</source>
        <translation>{name}（已拉黑）</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation>（无群）</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>互助往来</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>TA帮我</translation>
    </message>
    <message>
        <source>¥ given</source>
        <translation>我帮的金额</translation>
    </message>
    <message>
        <source>¥ received</source>
        <translation>TA帮的金额</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Helps exchanged with each contact since you last settled up with them.</source>
        <translation>人情账：自上次结清以来，你和每位群友之间的互助。</translation>
    </message>
    <message>
        <source>Balance = helps you gave − helps you received: +3, you helped them 3 times more; −2, they helped you 2 times more. ¥: the amounts of those helps.</source>
        <translation>互助往来 = 你帮TA的次数 − TA帮你的次数：+3 表示你多帮了TA 3 次，−2 表示TA多帮了你 2 次。金额是这些互助涉及的钱数。</translation>
    </message>
    <message>
        <source>Sorted by balance: those you helped most first, those who helped you most last.</source>
        <translation>按互助往来排序：你帮得最多的在前，帮你最多的在后。</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Last settled</source>
        <translation>上次结清</translation>
    </message>
    <message>
        <source>(and {count} contacts with no help since you last settled up)</source>
        <translation>（另有 {count} 位群友自上次结清以来没有互助）</translation>
    </message>
    <message>
        <source>Per group (the same helps, by the group they happened in):</source>
        <translation>按群统计（同样的互助，按发生在哪个群汇总）：</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>You owe ({count}: they helped you more than you helped them), most first:</source>
        <translation>我欠的人情（{count} 位：TA帮你比你帮TA多），欠得最多的在前：</translation>
    </message>
    <message>
        <source>Helps to return</source>
        <translation>待还人情</translation>
    </message>
    <message>
        <source>Only takes ({count}: you helped them 3 times or more in the last 30 days, they helped you not once):</source>
        <translation>只索取不回报（{count} 位：最近 30 天你帮了TA 3 次或更多，TA一次也没帮过你）：</translation>
    </message>
    <message>
        <source>Your helps in 30 days</source>
        <translation>30 天内你帮TA</translation>
    </message>
    <message>
        <source>Backups rewritten without it: {count}.</source>
        <translation>已重写备份 {count} 个，其中不再含有这些信息。</translation>
    </message>
    <message>
        <source>Backups removed (they could not be rewritten): {paths}</source>
        <translation>已删除无法重写的备份：{paths}</translation>
    </message>
    <message>
        <source>Could not rewrite or remove: {paths}: delete them yourself.</source>
        <translation>无法重写或删除：{paths}，请手动删除。</translation>
    </message>
    <message>
        <source>Erased {contact} ({id}): now {pseudonym}; their WeChat ID, phone and notes are gone.</source>
        <translation>已抹除 {contact}（{id}）：现在显示为 {pseudonym}；其微信号、手机号和备注已删除。</translation>
    </message>
    <message>
        <source>Log entries rewritten: {activities}; settlement notes cleared: {settlements}; contacts merged into them: {merged}.</source>
        <translation>重写的动态记录：{activities} 条；清空的结清备注：{settlements} 条；并入的群友：{merged} 位。</translation>
    </message>
    <message>
        <source>Another program kept the write-ahead log open: run the command again once it is closed.</source>
        <translation>另一个程序仍占用着预写日志：请在它关闭后再次运行此命令。</translation>
    </message>
    <message>
        <source>wipe deletes every record, the whole history and every backup of {path}, for good. To do it, run: wipe --yes-really</source>
        <translation>wipe 会永久删除 {path} 中的所有记录、全部动态和所有备份。确定要执行，请运行 wipe --yes-really</translation>
    </message>
    <message>
        <source>Wiped {path}: {rows} rows deleted; {count} backups and damaged copies removed. A new, empty profile starts there.</source>
        <translation>已清除 {path}：删除 {rows} 行数据，删除备份和损坏副本 {count} 个。将从一个新的空白档案开始。</translation>
    </message>
    <message>
        <source>Flagged the link {url}: {verdict}.</source>
        <translation>已标记链接 {url}：{verdict}。</translation>
    </message>
    <message>
        <source>The text is too long for a share text (more than {max:,} characters).</source>
        <translation>这段文字太长，不像分享内容（超过 {max:,} 个字符）。</translation>
    </message>
    <message>
        <source>No share found in this text.</source>
        <translation>这段文字里没有找到分享内容。</translation>
    </message>
    <message>
        <source>Bargain (砍价)</source>
        <translation>砍价</translation>
    </message>
    <message>
        <source>Group buy (拼团)</source>
        <translation>拼团</translation>
    </message>
    <message>
        <source>Boost (助力)</source>
        <translation>助力</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <source>Tmall</source>
        <translation>天猫</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Meituan</source>
        <translation>美团</translation>
    </message>
    <message>
        <source>Ele.me</source>
        <translation>饿了么</translation>
    </message>
    <message>
        <source>Kind: {kind}</source>
        <translation>类型：{kind}</translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation>标题：{title}</translation>
    </message>
    <message>
        <source>Platform: {platform}</source>
        <translation>平台：{platform}</translation>
    </message>
    <message>
        <source>Link: {url} ({verdict})</source>
        <translation>链接：{url}（{verdict}）</translation>
    </message>
    <message>
        <source>Link: unreadable ({verdict})</source>
        <translation>链接：无法读取（{verdict}）</translation>
    </message>
    <message>
        <source>Price: {price}</source>
        <translation>价格：{price}</translation>
    </message>
    <message>
        <source>People still needed: {count}</source>
        <translation>还差人数：{count}</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>The demo needs between {min} and {max} activities (got {value}).</source>
        <translation>演示数据的动态条数须在 {min} 到 {max} 之间（收到 {value}）。</translation>
    </message>
    <message>
        <source>Demo data only goes into an empty data folder; {path} already holds groups, contacts or history.</source>
        <translation>演示数据只能写入空的数据文件夹；{path} 中已有社群、群友或动态记录。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>The format must be one of {formats}.</source>
        <translation>格式必须是以下之一：{formats}。</translation>
    </message>
    <message>
        <source>A CSV export is a .zip holding one file per table: give a name ending in .zip.</source>
        <translation>CSV 导出是一个每张表一个文件的 .zip：请给出以 .zip 结尾的文件名。</translation>
    </message>
    <message>
        <source>A share card is a .png picture: give a name ending in .png.</source>
        <translation>分享卡片是一张 .png 图片：请给出以 .png 结尾的文件名。</translation>
    </message>
    <message>
        <source>Open Badges come as a .zip of baked .png badges: give a name ending in .zip.</source>
        <translation>开放徽章以 .zip 保存，内含嵌入凭证的 .png 徽章：请给出以 .zip 结尾的文件名。</translation>
    </message>
    <message>
        <source>{path} is a folder: give the name of a file.</source>
        <translation>{path} 是一个文件夹：请给出文件名。</translation>
    </message>
    <message>
        <source>There is no folder {path}.</source>
        <translation>文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <source>A PDF report needs the window&apos;s drawing code.</source>
        <translation>PDF 报告需要窗口的绘图代码。</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消；没有写入任何文件。</translation>
    </message>
    <message>
        <source>A CSV export is written as a .zip file: {path} does not end in .zip.</source>
        <translation>CSV 导出写成一个 .zip 文件：{path} 不是以 .zip 结尾。</translation>
    </message>
    <message>
        <source>{name} is not a table name that can be exported (only a-z and _).</source>
        <translation>{name} 不是可导出的表名（只能用 a-z 和 _）。</translation>
    </message>
</context>
<context>
    <name>fairplay</name>
    <message>
        <source>Back-dated, beyond the {n} a day the game pays: it is in your ledger and history, and earns nothing.</source>
        <translation>补记的条目每天只有 {n} 条算分，这条已超出：人情账和历史里都有，但不得分。</translation>
    </message>
    <message>
        <source>A contact you added today counts in the game from tomorrow: this is in your ledger, and earns nothing today.</source>
        <translation>今天新加的联系人明天起才计入游戏：这条已记入人情账，今天不得分。</translation>
    </message>
    <message>
        <source>Adding counts for {n} a day in the game: this one is saved, and earns nothing.</source>
        <translation>每天新加的只有 {n} 个计入游戏：这个已保存，但不得分。</translation>
    </message>
    <message>
        <source>Settled while you owe them: the ledger starts again from here, and the game pays nothing for it.</source>
        <translation>你还欠着对方人情就结清了：人情账从这里重新算，游戏不为此加分。</translation>
    </message>
    <message>
        <source>A help you received over {days} days ago is not returned yet: requests earn nothing until you give back.</source>
        <translation>你有一份 {days} 天前收到的帮助还没还：还上之前，求助不得分。</translation>
    </message>
    <message>
        <source>A group buy of fewer than two people earns nothing in the game.</source>
        <translation>不到两人的拼团在游戏里不得分。</translation>
    </message>
    <message>
        <source>An amount tied to no deal counts at most {cap} in the game; your ledger keeps what you typed.</source>
        <translation>没有关联拼团/砍价的金额在游戏里最多按 {cap} 算；人情账里照你填的记。</translation>
    </message>
</context>
<context>
    <name>field</name>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>群规</translation>
    </message>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>trust</source>
        <translation>信任状态</translation>
    </message>
    <message>
        <source>vertical</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>tier participants</source>
        <translation>档位人数</translation>
    </message>
    <message>
        <source>participants joined</source>
        <translation>已参与人数</translation>
    </message>
    <message>
        <source>participants needed</source>
        <translation>所需人数</translation>
    </message>
    <message>
        <source>request limit</source>
        <translation>每日求助上限</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>tier price</source>
        <translation>档位价格</translation>
    </message>
    <message>
        <source>original price</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>target price</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>current price</source>
        <translation>当前价</translation>
    </message>
    <message>
        <source>joined date</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>left date</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <source>deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>activity window</source>
        <translation>活动时段</translation>
    </message>
    <message>
        <source>link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>how you settled</source>
        <translation>结清方式</translation>
    </message>
    <message>
        <source>helps settled</source>
        <translation>结清次数</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a regular file</source>
        <translation>普通文件</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>the system does not allow it</source>
        <translation>系统不允许这样操作</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>your disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>part of the path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>it already exists</source>
        <translation>已经存在</translation>
    </message>
    <message>
        <source>the folder is not empty</source>
        <translation>文件夹不是空的</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <source>too many symbolic links</source>
        <translation>符号链接层数太多</translation>
    </message>
    <message>
        <source>a read or write error (the disk may be failing)</source>
        <translation>读写出错（磁盘可能有故障）</translation>
    </message>
    <message>
        <source>it is in use</source>
        <translation>正被占用</translation>
    </message>
    <message>
        <source>too many files are open</source>
        <translation>打开的文件太多</translation>
    </message>
    <message>
        <source>it is on another disk</source>
        <translation>位于另一个磁盘上</translation>
    </message>
    <message>
        <source>the name or the request is not valid here</source>
        <translation>名称或操作在这里无效</translation>
    </message>
    <message>
        <source>system error {code}</source>
        <translation>系统错误 {code}</translation>
    </message>
    <message>
        <source>{path} is {kind}, not a regular file.</source>
        <translation>{path} 是{kind}，不是普通文件。</translation>
    </message>
    <message>
        <source>{path} is larger than {limit} bytes.</source>
        <translation>{path} 大于 {limit} 字节。</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>a list expected</source>
        <translation>这里应是一个列表</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>导入已取消；没有任何改动。</translation>
    </message>
    <message>
        <source>it does not fit the data ({problem})</source>
        <translation>与数据不符（{problem}）</translation>
    </message>
    <message>
        <source>not a regular file (a folder, a device or a pipe)</source>
        <translation>不是普通文件（是文件夹、设备或管道）</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>larger than the import cap of {size} MiB</source>
        <translation>超过导入上限 {size} MiB</translation>
    </message>
    <message>
        <source>a .zip archive, not a chat export: unzip it and choose the .csv or .txt inside</source>
        <translation>这是 .zip 压缩包，不是聊天记录导出文件：请解压后选择里面的 .csv 或 .txt</translation>
    </message>
    <message>
        <source>not text in UTF-8 or UTF-16 (a binary file, or another encoding: export the chat again as UTF-8)</source>
        <translation>不是 UTF-8 或 UTF-16 文本（是二进制文件或其他编码：请重新以 UTF-8 导出聊天记录）</translation>
    </message>
    <message>
        <source>a line longer than {size} characters</source>
        <translation>有一行超过 {size} 个字符</translation>
    </message>
    <message>
        <source>a NUL character: a binary file, not a chat export</source>
        <translation>含有 NUL 字符：是二进制文件，不是聊天记录导出文件</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>neither a WeChatMsg CSV export (a header with the columns {columns}) nor a QQ text export (消息记录…, 消息对象:…)</source>
        <translation>既不是 WeChatMsg 导出的 CSV（表头含 {columns} 这些列），也不是 QQ 的文本导出（消息记录…，消息对象：…）</translation>
    </message>
    <message>
        <source>not a well-formed CSV row ({problem})</source>
        <translation>不是格式正确的 CSV 行（{problem}）</translation>
    </message>
    <message>
        <source>the columns are not WeChatMsg&apos;s: missing {missing}</source>
        <translation>这些列不是 WeChatMsg 的：缺少 {missing}</translation>
    </message>
    <message>
        <source>none (a column is named twice)</source>
        <translation>无（有一列重名）</translation>
    </message>
    <message>
        <source>{count} fields where the header names {columns}</source>
        <translation>有 {count} 个字段，而表头有 {columns} 列</translation>
    </message>
    <message>
        <source>a message longer than {size} characters</source>
        <translation>有一条消息超过 {size} 个字符</translation>
    </message>
    <message>
        <source>CreateTime is not a time in Unix seconds</source>
        <translation>CreateTime 不是以秒计的 Unix 时间</translation>
    </message>
    <message>
        <source>not a date and time</source>
        <translation>不是日期和时间</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>not a readable .zip</source>
        <translation>不是可读取的 .zip</translation>
    </message>
    <message>
        <source>a .zip must hold exactly one .json file, unencrypted</source>
        <translation>.zip 必须只包含一个未加密的 .json 文件</translation>
    </message>
    <message>
        <source>a byte order mark: the file must be plain UTF-8</source>
        <translation>有字节顺序标记（BOM）：文件必须是纯 UTF-8</translation>
    </message>
    <message>
        <source>not valid JSON ({problem})</source>
        <translation>不是有效的 JSON（{problem}）</translation>
    </message>
    <message>
        <source>the file cannot be read to its end</source>
        <translation>文件无法读到结尾</translation>
    </message>
    <message>
        <source>broken UTF-8</source>
        <translation>UTF-8 编码损坏</translation>
    </message>
    <message>
        <source>the file ends too early</source>
        <translation>文件提前结束</translation>
    </message>
    <message>
        <source>not one JSON object</source>
        <translation>不是一个 JSON 对象</translation>
    </message>
    <message>
        <source>not a part of an export</source>
        <translation>不属于导出文件</translation>
    </message>
    <message>
        <source>out of order, or given twice</source>
        <translation>顺序不对，或出现了两次</translation>
    </message>
    <message>
        <source>format_version must come first</source>
        <translation>format_version 必须在最前面</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>more after the object</source>
        <translation>对象之后还有内容</translation>
    </message>
    <message>
        <source>a list of records expected</source>
        <translation>这里应是记录列表</translation>
    </message>
    <message>
        <source>a record (an object) expected</source>
        <translation>这里应是一条记录（对象）</translation>
    </message>
    <message>
        <source>too many values in one record</source>
        <translation>一条记录中的值太多</translation>
    </message>
    <message>
        <source>nested deeper than {max}</source>
        <translation>嵌套超过 {max} 层</translation>
    </message>
    <message>
        <source>a text longer than 1 MiB</source>
        <translation>文本超过 1 MiB</translation>
    </message>
    <message>
        <source>a picture larger than {size} MB</source>
        <translation>图片大于 {size} MB</translation>
    </message>
    <message>
        <source>not a finite number</source>
        <translation>不是有限的数字</translation>
    </message>
    <message>
        <source>a number too large</source>
        <translation>数字太大</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
    <message>
        <source>a key given twice</source>
        <translation>键出现了两次</translation>
    </message>
    <message>
        <source>a key longer than 200 characters</source>
        <translation>键超过 200 个字符</translation>
    </message>
    <message>
        <source>a format this version of the app does not know ({value})</source>
        <translation>本版本应用不认识的格式（{value}）</translation>
    </message>
    <message>
        <source>not what an export holds here</source>
        <translation>导出文件的这里不应是这个</translation>
    </message>
    <message>
        <source>a &apos;{name}&apos; export holds pseudonyms and gaps, not data to restore: import a backup export</source>
        <translation>“{name}”导出只含化名且有缺漏，不是可恢复的数据：请导入 backup 导出</translation>
    </message>
    <message>
        <source>Refused at {place}: {problem}</source>
        <translation>在 {place} 处拒绝：{problem}</translation>
    </message>
    <message>
        <source>text expected</source>
        <translation>这里应是文本</translation>
    </message>
    <message>
        <source>longer than {max} characters</source>
        <translation>超过 {max} 个字符</translation>
    </message>
    <message>
        <source>not an id (a UUID such as 3f2b…-…)</source>
        <translation>不是编号（应为 UUID，如 3f2b…-…）</translation>
    </message>
    <message>
        <source>not a time in ISO 8601 with its zone (2026-05-01T08:00:00Z)</source>
        <translation>不是带时区的 ISO 8601 时间（2026-05-01T08:00:00Z）</translation>
    </message>
    <message>
        <source>not a time of day (20:00)</source>
        <translation>不是一天中的时间（20:00）</translation>
    </message>
    <message>
        <source>a whole number expected</source>
        <translation>这里应是整数</translation>
    </message>
    <message>
        <source>true or false expected</source>
        <translation>这里应是 true 或 false</translation>
    </message>
    <message>
        <source>an object expected</source>
        <translation>这里应是一个对象</translation>
    </message>
    <message>
        <source>one of {values} expected</source>
        <translation>这里应是 {values} 之一</translation>
    </message>
    <message>
        <source>not a field of this record</source>
        <translation>不是这条记录的字段</translation>
    </message>
    <message>
        <source>may not be empty (null)</source>
        <translation>不能为空（null）</translation>
    </message>
    <message>
        <source>not base64</source>
        <translation>不是 base64 编码</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>The address hides another site after an &apos;@&apos;: the site named first is not the one that opens.</source>
        <translation>地址在“@”后面藏着另一个网站：打开的并不是前面写的那个网站。</translation>
    </message>
    <message>
        <source>The address contains a backslash (\): a browser may open another site than the one it seems to name.</source>
        <translation>地址里有反斜杠（\）：浏览器可能打开另一个网站，而不是看上去的那个。</translation>
    </message>
    <message>
        <source>The site&apos;s name is written in encoded letters (xn--…), a way to imitate a known site.</source>
        <translation>网站名用编码字母写成（xn--…），这是冒充知名网站的常见手法。</translation>
    </message>
    <message>
        <source>The site&apos;s name mixes letters of different alphabets.</source>
        <translation>网站名混用了不同文字的字母。</translation>
    </message>
    <message>
        <source>The site&apos;s name uses letters that only look like others (a Cyrillic а for a Latin a).</source>
        <translation>网站名用了形似的字母（比如用西里尔字母 а 冒充拉丁字母 a）。</translation>
    </message>
    <message>
        <source>The address hides invisible characters.</source>
        <translation>地址里藏着看不见的字符。</translation>
    </message>
    <message>
        <source>An official name is followed by another domain: the site is not the official one.</source>
        <translation>官方名称后面还接着别的域名：这不是官方网站。</translation>
    </message>
    <message>
        <source>The site&apos;s name looks like an official shopping site&apos;s but is not.</source>
        <translation>网站名看着像官方购物网站，其实不是。</translation>
    </message>
    <message>
        <source>A short link hides where it really leads.</source>
        <translation>短链接看不出真正会跳转到哪里。</translation>
    </message>
    <message>
        <source>The address is a bare number (an IP address), not a named site.</source>
        <translation>地址是一串数字（IP 地址），不是有名字的网站。</translation>
    </message>
    <message>
        <source>The link is not encrypted (http, not https).</source>
        <translation>链接没有加密（是 http，不是 https）。</translation>
    </message>
    <message>
        <source>This is not a web link: opening it could run code or open a file.</source>
        <translation>这不是网页链接：打开它可能会运行代码或打开文件。</translation>
    </message>
    <message>
        <source>The site is not one of the known shopping platforms.</source>
        <translation>这个网站不是已知的购物平台。</translation>
    </message>
    <message>
        <source>Official shopping platform link</source>
        <translation>官方购物平台链接</translation>
    </message>
    <message>
        <source>Caution</source>
        <translation>当心</translation>
    </message>
    <message>
        <source>Danger</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>A name and &apos;@&apos; stand before the address: the link opens what comes after the &apos;@&apos;.</source>
        <translation>地址前面有一个名字和“@”：链接实际打开的是“@”后面的网站。</translation>
    </message>
    <message>
        <source>It holds a backslash (\), which a browser reads as &apos;/&apos;: it opens another site than it seems to.</source>
        <translation>链接里有反斜杠（\），浏览器会把它当作“/”：打开的网站和看上去的不一样。</translation>
    </message>
    <message>
        <source>The address is written in punycode (xn--…), which can hide look-alike letters.</source>
        <translation>地址用 punycode（xn--…）写成，可能藏有形似的字母。</translation>
    </message>
    <message>
        <source>The address mixes alphabets, such as Latin and Cyrillic letters.</source>
        <translation>地址混用了不同文字的字母，例如拉丁字母和西里尔字母。</translation>
    </message>
    <message>
        <source>The address uses characters that look like others (full-width or foreign letters).</source>
        <translation>地址用了形似其他字符的字符（全角字母或外文字母）。</translation>
    </message>
    <message>
        <source>It holds spaces or invisible characters.</source>
        <translation>链接里有空格或看不见的字符。</translation>
    </message>
    <message>
        <source>A platform&apos;s name is followed by another domain, which is where the link goes.</source>
        <translation>平台的名字后面跟着另一个域名，链接实际通向那个域名。</translation>
    </message>
    <message>
        <source>The address imitates a shopping platform&apos;s but is not one of its domains.</source>
        <translation>地址模仿购物平台的域名，但并不是它的域名。</translation>
    </message>
    <message>
        <source>A short link: where it leads is hidden until it is opened.</source>
        <translation>这是短链接：打开之前看不到它通向哪里。</translation>
    </message>
    <message>
        <source>It goes to a bare IP address, not a named site.</source>
        <translation>链接通向一个 IP 地址，而不是有名字的网站。</translation>
    </message>
    <message>
        <source>Not encrypted (http, not https).</source>
        <translation>未加密（http，而不是 https）。</translation>
    </message>
    <message>
        <source>Not a web link the app takes (only http and https links, with an address, at most 2,000 characters).</source>
        <translation>不是本应用接受的网页链接（只接受带地址的 http 和 https 链接，最多 2000 个字符）。</translation>
    </message>
    <message>
        <source>Not one of the shopping platforms&apos; official domains.</source>
        <translation>不是购物平台的官方域名。</translation>
    </message>
</context>
<context>
    <name>lookup</name>
    <message>
        <source>group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>deal</source>
        <translation>拼团/砍价</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; matches {count} records: {listing}. Give the id instead.</source>
        <translation>“{name}”匹配到 {count} 条记录：{listing}。请改用 ID 指定。</translation>
    </message>
    <message>
        <source>No {what} &apos;{ref}&apos;.</source>
        <translation>找不到{what}“{ref}”。</translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message>
        <source>A preset&apos;s name is 1 to 40 lower-case letters, digits, &apos;-&apos; or &apos;_&apos;, starting with a letter or digit.</source>
        <translation>预设名称由 1 到 40 个小写字母、数字、“-”或“_”组成，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a built-in preset; choose another name.</source>
        <translation>“{name}”是内置预设；请换一个名称。</translation>
    </message>
    <message>
        <source>{field} must be keep, generalise or drop.</source>
        <translation>{field} 必须是 keep、generalise 或 drop。</translation>
    </message>
    <message>
        <source>Counts, kinds, levels, points and badges: shared.</source>
        <translation>数量、类型、等级、积分和徽章：分享。</translation>
    </message>
    <message>
        <source>Counts, kinds, levels, points and badges: left out.</source>
        <translation>数量、类型、等级、积分和徽章：不导出。</translation>
    </message>
    <message>
        <source>Your group names, deal titles, notes, amounts and exact times: shared.</source>
        <translation>你的群名、商品标题、备注、金额和精确时间：分享。</translation>
    </message>
    <message>
        <source>Your groups shown by their kind, deal titles and notes left out, times to the day.</source>
        <translation>群只显示其类别，不导出商品标题和备注，时间只精确到天。</translation>
    </message>
    <message>
        <source>Your groups, deals, notes, amounts and times: left out.</source>
        <translation>你的群、拼单、备注、金额和时间：不导出。</translation>
    </message>
    <message>
        <source>Other people&apos;s nicknames, WeChat IDs, phone numbers, notes and full links: shared.</source>
        <translation>他人的昵称、微信号、手机号、备注和完整链接：分享。</translation>
    </message>
    <message>
        <source>Other people as pseudonyms (&quot;Member #…&quot;); their handles and notes left out; links keep only the product&apos;s id.</source>
        <translation>他人显示为化名（“群友 #…”）；不导出其账号和备注；链接只保留商品编号。</translation>
    </message>
    <message>
        <source>Other people and links: left out.</source>
        <translation>他人和链接：不导出。</translation>
    </message>
    <message>
        <source>Mother &amp; baby group</source>
        <translation>母婴群</translation>
    </message>
    <message>
        <source>Fresh food group</source>
        <translation>生鲜群</translation>
    </message>
    <message>
        <source>Digital goods group</source>
        <translation>数码群</translation>
    </message>
    <message>
        <source>Home goods group</source>
        <translation>家居群</translation>
    </message>
    <message>
        <source>Beauty group</source>
        <translation>美妆群</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Member #{code}</source>
        <translation>群友 #{code}</translation>
    </message>
    <message>
        <source>No preset &apos;{name}&apos;. The presets are: {known}.</source>
        <translation>没有预设“{name}”。现有预设：{known}。</translation>
    </message>
    <message>
        <source>Say what the preset does with: {classes}.</source>
        <translation>请说明该预设如何处理：{classes}。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a built-in preset; it cannot be deleted.</source>
        <translation>“{name}”是内置预设，不能删除。</translation>
    </message>
    <message>
        <source>No preset &apos;{name}&apos;.</source>
        <translation>没有预设“{name}”。</translation>
    </message>
</context>
<context>
    <name>quest title in a sentence</name>
    <message>
        <source>{title}</source>
        <translation>「{title}」</translation>
    </message>
</context>
<context>
    <name>quest titles in a sentence</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>quests</name>
    <message>
        <source>There is no data yet.</source>
        <translation>还没有数据。</translation>
    </message>
    <message>
        <source>Reach level {level}.</source>
        <translation>达到 {level} 级。</translation>
    </message>
    <message>
        <source>Complete {chains} first.</source>
        <translation>请先完成{chains}。</translation>
    </message>
    <message>
        <source>No badge &apos;{id}&apos;.</source>
        <translation>没有徽章“{id}”。</translation>
    </message>
    <message>
        <source>Step &apos;{step}&apos; pays for receiving help or for a request over a group&apos;s limit or outside its hours: the game never rewards taking. Change its goal.</source>
        <translation>步骤“{step}”奖励的是接受帮助，或超出群每日上限、不在活跃时段内的求助：游戏从不奖励索取。请修改它的目标。</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; is a built-in chain; give your pack another id.</source>
        <translation>“{id}”是内置任务链，请给你的任务包换一个 id。</translation>
    </message>
    <message>
        <source>Version {version} of &apos;{id}&apos; is already installed; raise &apos;version&apos; to upgrade.</source>
        <translation>“{id}”的第 {version} 版已安装；要升级请提高 version。</translation>
    </message>
    <message>
        <source>No installed pack &apos;{id}&apos;.</source>
        <translation>没有已安装的任务包“{id}”。</translation>
    </message>
    <message>
        <source>Other chains require &apos;{id}&apos;: {chains}.</source>
        <translation>其他任务链依赖“{id}”：{chains}。</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <source>and {count} more problems</source>
        <translation>另有 {count} 个问题</translation>
    </message>
    <message>
        <source>a number longer than {limit} digits</source>
        <translation>数字超过 {limit} 位</translation>
    </message>
    <message>
        <source>a key of more than {limit} parts (with its table&apos;s)</source>
        <translation>键超过 {limit} 段（含所在表头的部分）</translation>
    </message>
    <message>
        <source>arrays or tables nested more than {limit} deep</source>
        <translation>数组或表的嵌套超过 {limit} 层</translation>
    </message>
    <message>
        <source>{file} is too large for a quest pack (at most {limit} bytes).</source>
        <translation>{file} 太大，不能作为任务包（最多 {limit} 字节）。</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text.</source>
        <translation>{file} 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>{file}: line {line}: {problem}.</source>
        <translation>{file}：第 {line} 行：{problem}。</translation>
    </message>
    <message>
        <source>{file}: {problem}.</source>
        <translation>{file}：{problem}。</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} is not valid TOML: {reason}</source>
        <translation>{file} 不是有效的 TOML：{reason}</translation>
    </message>
    <message>
        <source>{file}: steps.{index}.goal: goals nested more than {limit} deep.</source>
        <translation>{file}：steps.{index}.goal：目标嵌套超过 {limit} 层。</translation>
    </message>
    <message>
        <source>Chain id used twice: {ids}.</source>
        <translation>任务链 id 重复：{ids}。</translation>
    </message>
    <message>
        <source>An achievement id is used twice.</source>
        <translation>有一个成就 id 重复使用了。</translation>
    </message>
    <message>
        <source>Chain &apos;{chain}&apos; requires an unknown chain &apos;{need}&apos;.</source>
        <translation>任务链“{chain}”依赖一个不存在的任务链“{need}”。</translation>
    </message>
    <message>
        <source>Chain &apos;{chain}&apos; rewards an unknown badge &apos;{badge}&apos;.</source>
        <translation>任务链“{chain}”奖励了一个不存在的徽章“{badge}”。</translation>
    </message>
    <message>
        <source>Chains require each other in a circle: {trail}.</source>
        <translation>任务链之间循环依赖：{trail}。</translation>
    </message>
    <message>
        <source>Cannot read the quest packs folder {path}: {reason}</source>
        <translation>无法读取任务包文件夹 {path}：{reason}</translation>
    </message>
    <message>
        <source>{problem} (an installed quest pack, in {folder}: fix it, or remove it with &apos;pintuan-quest quests uninstall {id}&apos;)</source>
        <translation>{problem}（这是 {folder} 中已安装的任务包：请修正它，或用“pintuan-quest quests uninstall {id}”将其移除）</translation>
    </message>
    <message>
        <source>{problem} (an installed quest pack, in {folder}: fix it, or delete the file)</source>
        <translation>{problem}（这是 {folder} 中已安装的任务包：请修正它，或删除该文件）</translation>
    </message>
    <message>
        <source>The quest packs installed in {path} do not fit together: {problem}</source>
        <translation>{path} 中已安装的任务包互不兼容：{problem}</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <source>Groups</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Help requests</source>
        <translation>求助</translation>
    </message>
    <message>
        <source>Helps</source>
        <translation>互助记录</translation>
    </message>
    <message>
        <source>Bargain cuts</source>
        <translation>砍价记录</translation>
    </message>
    <message>
        <source>Settlements</source>
        <translation>结清记录</translation>
    </message>
    <message>
        <source>History entries</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Share presets</source>
        <translation>分享预设</translation>
    </message>
    <message>
        <source>Earlier exports</source>
        <translation>以前的导出</translation>
    </message>
    <message>
        <source>Pictures (avatar, screenshots)</source>
        <translation>图片（头像、截图）</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>TA帮我</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>信任</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已拉黑</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>群主</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Pintuan Quest report</source>
        <translation>拼团任务报告</translation>
    </message>
    <message>
        <source>Made on {date} with the share preset &apos;{preset}&apos;.</source>
        <translation>{date} 生成，分享预设“{preset}”。</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Badges earned</source>
        <translation>已获徽章</translation>
    </message>
    <message>
        <source>listed below</source>
        <translation>见下文</translation>
    </message>
    <message>
        <source>latest listed below</source>
        <translation>见下文（最近的）</translation>
    </message>
    <message>
        <source>in the ledger</source>
        <translation>见人情账</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>见逐月统计</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>仅计数</translation>
    </message>
    <message>
        <source>number only (the preset)</source>
        <translation>仅数量（预设所限）</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人资料</translation>
    </message>
    <message>
        <source>Level, points and badges</source>
        <translation>等级、积分和徽章</translation>
    </message>
    <message>
        <source>What is in it</source>
        <translation>报告内容</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>In this report</source>
        <translation>本报告中</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>No badges earned yet.</source>
        <translation>还没有获得徽章。</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Records: {count}. The preset lets out their number only.</source>
        <translation>记录：{count} 条。此预设只分享数量。</translation>
    </message>
    <message>
        <source>…and {count} more, not listed here.</source>
        <translation>……另有 {count} 条，此处未列出。</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Written by Pintuan Quest. Other people&apos;s details appear only as the share preset allows.</source>
        <translation>由拼团任务生成。他人的信息只按分享预设允许的方式出现。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名字</translation>
    </message>
    <message>
        <source>Member since</source>
        <translation>加入时间</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Helps given and received per month</source>
        <translation>每月我帮TA与TA帮我</translation>
    </message>
    <message>
        <source>Deals by status</source>
        <translation>拼团砍价（按状态）</translation>
    </message>
    <message>
        <source>Helps given</source>
        <translation>我帮TA</translation>
    </message>
    <message>
        <source>Helps received</source>
        <translation>TA帮我</translation>
    </message>
    <message>
        <source>Deals started</source>
        <translation>新拼团砍价</translation>
    </message>
    <message>
        <source>Month by month</source>
        <translation>逐月统计</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>My role</source>
        <translation>我的角色</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>现价</translation>
    </message>
    <message>
        <source>Target price</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>群友</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>人情账</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信任</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>结清次数</translation>
    </message>
    <message>
        <source>Last settled</source>
        <translation>上次结清</translation>
    </message>
    <message>
        <source>The contacts you helped or were helped by most; all helps since the start.</source>
        <translation>与你互助最多的群友；统计自开始以来的全部互助。</translation>
    </message>
    <message>
        <source>Bargain cuts: {amount} in all.</source>
        <translation>砍价共计 {amount}。</translation>
    </message>
</context>
<context>
    <name>share card</name>
    <message>
        <source>{kind} ×{count}</source>
        <translation>{kind} ×{count}</translation>
    </message>
    <message>
        <source>Pintuan Quest</source>
        <translation>拼团任务</translation>
    </message>
    <message>
        <source>{name}&apos;s helping record</source>
        <translation>{name}的互助成就</translation>
    </message>
    <message>
        <source>My helping record</source>
        <translation>我的互助成就</translation>
    </message>
    <message>
        <source>LEVEL</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} 积分</translation>
    </message>
    <message>
        <source>{points} points to level {level}</source>
        <translation>再得 {points} 积分升到 {level} 级</translation>
    </message>
    <message>
        <source>Top badges</source>
        <translation>最佳徽章</translation>
    </message>
    <message>
        <source>{count} earned</source>
        <translation>已获得 {count} 枚</translation>
    </message>
    <message>
        <source>No badges yet: the first one is a few helps away.</source>
        <translation>还没有徽章：再互助几次就能拿到第一枚。</translation>
    </message>
    <message>
        <source>Helps</source>
        <translation>互助</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>拼团砍价</translation>
    </message>
    <message>
        <source>Bargain cuts</source>
        <translation>砍价记录</translation>
    </message>
    <message>
        <source>Group friends</source>
        <translation>群友</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>另有 {count} 个</translation>
    </message>
    <message>
        <source>My groups: {groups}</source>
        <translation>我的群：{groups}</translation>
    </message>
    <message>
        <source>Made with Pintuan Quest · {day}</source>
        <translation>拼团任务制作 · {day}</translation>
    </message>
    <message>
        <source>This card shares no levels, points, badges or counts.</source>
        <translation>这张卡片不分享等级、积分、徽章或数量。</translation>
    </message>
    <message>
        <source>My groups</source>
        <translation>我的群</translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <source>{path} is not a readable Pintuan Quest database (damaged or another kind of file).</source>
        <translation>{path} 不是可读取的拼团任务数据库（文件已损坏或不是数据库文件）。</translation>
    </message>
    <message>
        <source>{path} is read-only: check the folder&apos;s permissions.</source>
        <translation>{path} 是只读的：请检查该文件夹的权限。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full: free some space and try again.</source>
        <translation>{path} 所在的磁盘已满：请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>{path} cannot be written (read-only or no permission): check the folder&apos;s permissions.</source>
        <translation>无法写入 {path}（只读或没有权限）：请检查该文件夹的权限。</translation>
    </message>
    <message>
        <source>The path {path} is too long for this system.</source>
        <translation>路径 {path} 超出了本系统允许的长度。</translation>
    </message>
    <message>
        <source>{path} is in the way: a file stands where a folder should be, or the reverse.</source>
        <translation>{path} 有冲突：本该是文件夹的位置是一个文件，或者正好相反。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>The backup of {path} did not verify ({problem}): the database is damaged.</source>
        <translation>{path} 的备份未通过校验（{problem}）：数据库已损坏。</translation>
    </message>
    <message>
        <source>The backup copy in {folder} did not verify ({problem}) although the database is whole: check the disk holding that folder.</source>
        <translation>{folder} 中的备份副本未通过校验（{problem}），而数据库本身完好：请检查该文件夹所在的磁盘。</translation>
    </message>
    <message>
        <source>{path} is not an existing folder.</source>
        <translation>{path} 不是已存在的文件夹。</translation>
    </message>
    <message>
        <source>The second folder must not be the backups folder itself.</source>
        <translation>第二个文件夹不能是备份文件夹本身。</translation>
    </message>
    <message>
        <source>The backup could not be copied to the second folder {path}: {reason}</source>
        <translation>无法把备份复制到第二个文件夹 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is on a read-only disk: nothing can be saved there. Copy the data folder to a writable disk, or use --data-dir.</source>
        <translation>{path} 位于只读磁盘上，无法在那里保存任何内容。请把数据文件夹复制到可写的磁盘，或使用 --data-dir。</translation>
    </message>
    <message>
        <source>{path} is busy in another program: try again in a moment.</source>
        <translation>{path} 正被其他程序占用：请稍后重试。</translation>
    </message>
    <message>
        <source>Cannot open {path}: {reason}</source>
        <translation>无法打开 {path}：{reason}</translation>
    </message>
    <message>
        <source>Run “pintuan-quest restore --latest” to restore the newest verified backup ({when}).</source>
        <translation>运行“pintuan-quest restore --latest”可恢复最新的已验证备份（{when}）。</translation>
    </message>
    <message>
        <source>It holds nothing that can be read and there is no backup: run “pintuan-quest restore --empty” to start anew.</source>
        <translation>其中没有可读取的内容，也没有备份：请运行“pintuan-quest restore --empty”重新开始。</translation>
    </message>
    <message>
        <source>There is no backup: run “pintuan-quest restore --salvage” to recover what can still be read.</source>
        <translation>没有备份：请运行“pintuan-quest restore --salvage”抢救仍可读取的数据。</translation>
    </message>
    <message>
        <source>{path} is damaged ({problem}); nothing was written to it and it was moved to {bad}. {hint}</source>
        <translation>{path} 已损坏（{problem}）；没有向其写入任何内容，它已被移到 {bad}。{hint}</translation>
    </message>
    <message>
        <source>{path} is a link to {target}, which does not exist: restore the file it points to, or remove the link.</source>
        <translation>{path} 是指向 {target} 的链接，但目标不存在：请恢复它指向的文件，或删除该链接。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database: move it away and try again.</source>
        <translation>{path} 是文件夹，不是数据库：请把它移走后重试。</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device, pipe or socket): move it away and try again.</source>
        <translation>{path} 不是普通文件（而是设备、管道或套接字）：请把它移走后重试。</translation>
    </message>
    <message>
        <source>There is no database in {path}, but there are backups (the newest from {when}): run “pintuan-quest restore --latest”, or “pintuan-quest restore --empty” to start anew.</source>
        <translation>{path} 中没有数据库，但有备份（最新的是 {when} 的）：请运行“pintuan-quest restore --latest”，或运行“pintuan-quest restore --empty”重新开始。</translation>
    </message>
    <message>
        <source>There is no database in {path}, only the damaged copy {bad}: run “pintuan-quest restore --salvage” to recover what can be read, or “pintuan-quest restore --empty” to start anew.</source>
        <translation>{path} 中没有数据库，只有损坏的副本 {bad}：请运行“pintuan-quest restore --salvage”抢救可读取的数据，或运行“pintuan-quest restore --empty”重新开始。</translation>
    </message>
    <message>
        <source>Cannot create the data folder {path}: {reason}</source>
        <translation>无法创建数据文件夹 {path}：{reason}</translation>
    </message>
    <message>
        <source>There is no database in {path}.</source>
        <translation>{path} 中没有数据库。</translation>
    </message>
    <message>
        <source>{path} is an SQLite database of another program, not Pintuan Quest&apos;s: move it away or choose another data folder.</source>
        <translation>{path} 是其他程序的 SQLite 数据库，不是拼团任务的：请把它移走，或选择其他数据文件夹。</translation>
    </message>
    <message>
        <source>{path} was written by a newer version of Pintuan Quest (schema {revision}); update the app to open it.</source>
        <translation>{path} 由更新版本的拼团任务写入（数据库结构版本 {revision}）；请更新应用后再打开。</translation>
    </message>
    <message>
        <source>Upgrading {path} to this version failed ({reason}); the data was put back as it was before (backup {backup}).</source>
        <translation>将 {path} 升级到此版本失败（{reason}）；数据已还原到升级前的状态（备份 {backup}）。</translation>
    </message>
    <message>
        <source>The upgrade would break references ({table} row {row}).</source>
        <translation>升级会破坏数据引用（{table} 表第 {row} 行）。</translation>
    </message>
    <message>
        <source>{path} is damaged ({problem}).</source>
        <translation>{path} 已损坏（{problem}）。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is not a regular file.</source>
        <translation>{path} 不是普通文件。</translation>
    </message>
    <message>
        <source>{path} is not a whole Pintuan Quest database ({problem}); choose another backup.</source>
        <translation>{path} 不是完整的拼团任务数据库（{problem}）；请选择其他备份。</translation>
    </message>
    <message>
        <source>There is no verified backup in {path}.</source>
        <translation>{path} 中没有已验证的备份。</translation>
    </message>
    <message>
        <source>There is already a database in {path}.</source>
        <translation>{path} 中已有数据库。</translation>
    </message>
    <message>
        <source>There is no damaged copy in {path} to salvage.</source>
        <translation>{path} 中没有可抢救的损坏副本。</translation>
    </message>
    <message>
        <source>{path} is not damaged: there is nothing to salvage. Move it away first if you really want to replace it.</source>
        <translation>{path} 完好无损，无需抢救。如果确实要替换它，请先把它移走。</translation>
    </message>
    <message>
        <source>Nothing could be read from {path}; it stays where it is and no database was put in its place. Run “pintuan-quest restore --empty” to start anew.</source>
        <translation>无法从 {path} 读取任何内容；该文件保留在原处，也没有放入新的数据库。请运行“pintuan-quest restore --empty”重新开始。</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>The link is too long ({length} characters; at most {max}).</source>
        <translation>链接太长（{length} 个字符；最多 {max} 个）。</translation>
    </message>
    <message>
        <source>A link must be text.</source>
        <translation>链接必须是文本。</translation>
    </message>
    <message>
        <source>The link contains a space or an invisible character ({code}) at character {position}; copy it again.</source>
        <translation>链接的第 {position} 个字符是空格或不可见字符（{code}）；请重新复制。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a web link (it should start with https://).</source>
        <translation>“{value}”不是网页链接（应以 https:// 开头）。</translation>
    </message>
    <message>
        <source>Unknown field: {field}.</source>
        <translation>未知字段：{field}。</translation>
    </message>
    <message>
        <source>A contact needs a nickname.</source>
        <translation>群友必须填写昵称。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has {count} help exchanges in the ledger: archive or merge the contact instead.</source>
        <translation>“{name}”在人情账中有 {count} 条互助记录：请改为归档或合并该群友。</translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation>群友不能与自身合并。</translation>
    </message>
    <message>
        <source>A tier is PARTICIPANTS:FEN, e.g. 3:2990, not &apos;{value}&apos;.</source>
        <translation>价格档位的格式为 PARTICIPANTS:FEN（人数:分），例如 3:2990，而不是“{value}”。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a price tier: write participants:yuan, e.g. 3:29.90.</source>
        <translation>“{value}”不是价格档位：请写成 人数:元，例如 3:29.90。</translation>
    </message>
    <message>
        <source>Two price tiers start at {count} participants.</source>
        <translation>有两个价格档位的起始人数都是 {count} 人。</translation>
    </message>
    <message>
        <source>A price tier with more participants must not cost more.</source>
        <translation>人数更多的价格档位，价格不能更高。</translation>
    </message>
    <message>
        <source>The target price ({target}) is above the original price ({original}).</source>
        <translation>目标价（{target}）高于原价（{original}）。</translation>
    </message>
    <message>
        <source>The current price is above the original price.</source>
        <translation>当前价高于原价。</translation>
    </message>
    <message>
        <source>The current price is below the target price.</source>
        <translation>当前价低于目标价。</translation>
    </message>
    <message>
        <source>The deadline is before the deal starts.</source>
        <translation>截止时间早于拼团/砍价开始时间。</translation>
    </message>
    <message>
        <source>A deal needs a {field}.</source>
        <translation>拼团/砍价必须填写{field}。</translation>
    </message>
    <message>
        <source>This link is already logged as the deal &apos;{title}&apos; ({id}); log it anyway with --allow-duplicate.</source>
        <translation>该链接已记录为拼团/砍价“{title}”（{id}）；如仍要记录，请使用 --allow-duplicate。</translation>
    </message>
    <message>
        <source>A deal expires by itself at its deadline; choose another status.</source>
        <translation>拼团/砍价会在截止时间自动过期；请选择其他状态。</translation>
    </message>
    <message>
        <source>The deal is already {status}; re-open it first.</source>
        <translation>该拼团/砍价的状态已是 {status}；请先重新开启。</translation>
    </message>
    <message>
        <source>Only a bargain deal takes price cuts; &apos;{title}&apos; is a {kind}.</source>
        <translation>只有砍价才能记录砍价；“{title}”的类型是 {kind}。</translation>
    </message>
    <message>
        <source>A cut of {amount} fen is more than is left to cut ({left} fen).</source>
        <translation>砍价金额 {amount} 分超过了剩余可砍金额（{left} 分）。</translation>
    </message>
    <message>
        <source>The deal &apos;{title}&apos; has {count} helps or requests: archive it instead of deleting.</source>
        <translation>拼团/砍价“{title}”有 {count} 条互助或求助记录：请将其归档，而不是删除。</translation>
    </message>
    <message>
        <source>The group cannot be left before it was joined.</source>
        <translation>退出群的日期不能早于加入日期。</translation>
    </message>
    <message>
        <source>An activity window is not valid.</source>
        <translation>活动时段无效。</translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation>群必须填写名称。</translation>
    </message>
    <message>
        <source>The group &apos;{name}&apos; has {count} helps, requests or deals: archive it instead of deleting.</source>
        <translation>群“{name}”有 {count} 条互助、求助或拼团/砍价记录：请将其归档，而不是删除。</translation>
    </message>
    <message>
        <source>A help exchange needs a {field}.</source>
        <translation>互助记录必须填写{field}。</translation>
    </message>
    <message>
        <source>A help cannot be in the future.</source>
        <translation>互助记录的时间不能在将来。</translation>
    </message>
    <message>
        <source>A request needs a group.</source>
        <translation>求助必须指定群。</translation>
    </message>
    <message>
        <source>A request cannot be in the future.</source>
        <translation>求助记录的时间不能在将来。</translation>
    </message>
    <message>
        <source>The {field} must not be empty.</source>
        <translation>{field}不能为空。</translation>
    </message>
    <message>
        <source>The {field} is too long ({length} characters; at most {max}).</source>
        <translation>{field}过长（{length} 个字符，最多 {max} 个）。</translation>
    </message>
    <message>
        <source>The {field} is not valid text: it contains {code}, from a byte that is not UTF-8.</source>
        <translation>{field}不是有效的文本：其中包含 {code}，来自一个非 UTF-8 字节。</translation>
    </message>
    <message>
        <source>The {field} must be one line: it contains a line break or tab ({code}).</source>
        <translation>{field}只能是一行：其中包含换行符或制表符（{code}）。</translation>
    </message>
    <message>
        <source>The {field} contains the invisible or control character {code} (character {position}); remove it.</source>
        <translation>{field}的第 {position} 个字符是不可见字符或控制字符 {code}；请将其删除。</translation>
    </message>
    <message>
        <source>The {field} must be text.</source>
        <translation>{field}必须是文本。</translation>
    </message>
    <message>
        <source>Unknown {field} &apos;{value}&apos;; choose one of: {allowed}.</source>
        <translation>未知的{field}“{value}”；请从以下选项中选择：{allowed}。</translation>
    </message>
    <message>
        <source>The {field} must be a whole number of fen.</source>
        <translation>{field}必须是以分为单位的整数。</translation>
    </message>
    <message>
        <source>The {field} must not be negative (got {value}).</source>
        <translation>{field}不能为负数（当前值：{value}）。</translation>
    </message>
    <message>
        <source>The {field} is implausibly large ({value} fen).</source>
        <translation>{field}大得不合理（{value} 分）。</translation>
    </message>
    <message>
        <source>The {field} must be a whole number from {min} on (got {value}).</source>
        <translation>{field}必须是不小于 {min} 的整数（当前值：{value}）。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an amount in yuan (e.g. 12.50).</source>
        <translation>“{value}”不是以元为单位的金额（例如 12.50）。</translation>
    </message>
    <message>
        <source>The {field} must be a date and time.</source>
        <translation>{field}必须是日期和时间。</translation>
    </message>
    <message>
        <source>The {field} needs a time zone.</source>
        <translation>{field}需要包含时区。</translation>
    </message>
    <message>
        <source>The {field} {value} is not a plausible date.</source>
        <translation>{field} {value} 不是合理的日期。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date and time (use ISO 8601, e.g. 2026-11-25T20:30).</source>
        <translation>“{value}”不是有效的日期和时间（请使用 ISO 8601 格式，例如 2026-11-25T20:30）。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an activity window (e.g. &quot;Mon-Fri 20:00-22:00&quot;).</source>
        <translation>“{value}”不是有效的活动时段（例如 &quot;Mon-Fri 20:00-22:00&quot;）。</translation>
    </message>
    <message>
        <source>Say how many helps the partial settlement settles.</source>
        <translation>请说明部分结清要结清几次帮助。</translation>
    </message>
    <message>
        <source>A partial settlement settles one help or more (got {value}).</source>
        <translation>部分结清至少要结清一次帮助（收到的是 {value}）。</translation>
    </message>
    <message>
        <source>Only a partial settlement names how many helps it settles.</source>
        <translation>只有部分结清才需要给出结清次数。</translation>
    </message>
    <message>
        <source>A settlement cannot be in the future.</source>
        <translation>结清时间不能在未来。</translation>
    </message>
    <message>
        <source>{name}&apos;s balance is even: nothing to settle in part.</source>
        <translation>你和{name}的互助往来已持平：没有可部分结清的。</translation>
    </message>
    <message>
        <source>Only {balance} helps are open with {name}: a partial settlement cannot settle {count}.</source>
        <translation>你和{name}之间只有 {balance} 次帮助未结清：部分结清不能结清 {count} 次。</translation>
    </message>
    <message>
        <source>A partial settlement must come after the last full one.</source>
        <translation>部分结清必须晚于上一次完全结清。</translation>
    </message>
    <message>
        <source>&apos;{zone}&apos; is not a time zone: give a name such as Asia/Shanghai.</source>
        <translation>“{zone}”不是有效的时区：请填写时区名称，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Rest days must be a whole number from 0 to 3.</source>
        <translation>休息日必须是 0 到 3 之间的整数。</translation>
    </message>
    <message>
        <source>That time is more than a year before you began using Pintuan Quest: give a time from {date} on.</source>
        <translation>这个时间比你开始使用拼团任务早了一年以上：请填写 {date} 及之后的时间。</translation>
    </message>
    <message>
        <source>Give the link to flag.</source>
        <translation>请给出要标记的链接。</translation>
    </message>
    <message>
        <source>The link is too long or not text; it cannot be flagged.</source>
        <translation>链接太长或不是文本，无法标记。</translation>
    </message>
    <message>
        <source>Cannot read the picture {name}: {reason}.</source>
        <translation>无法读取图片 {name}：{reason}。</translation>
    </message>
    <message>
        <source>The picture file is empty.</source>
        <translation>图片文件是空的。</translation>
    </message>
    <message>
        <source>The picture is larger than {size} MB: choose a smaller file.</source>
        <translation>图片大于 {size} MB：请选择更小的文件。</translation>
    </message>
    <message>
        <source>This file is not a picture the app takes: choose a JPEG, PNG or WebP image.</source>
        <translation>这个文件不是本应用接受的图片：请选择 JPEG、PNG 或 WebP 图片。</translation>
    </message>
    <message>
        <source>The picture is too large ({width} × {height} pixels).</source>
        <translation>图片太大（{width} × {height} 像素）。</translation>
    </message>
    <message>
        <source>The picture is too large to open safely.</source>
        <translation>图片太大，无法安全打开。</translation>
    </message>
    <message>
        <source>The picture is damaged or incomplete and cannot be read.</source>
        <translation>图片已损坏或不完整，无法读取。</translation>
    </message>
</context>
<context>
    <name>windows</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>,</source>
        <translation>、</translation>
    </message>
    <message>
        <source>{first}-{last}</source>
        <translation>{first}至{last}</translation>
    </message>
</context>
</TS>
