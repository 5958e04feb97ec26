# كلمات الموقع العام باللغة العربية.

## التخطيط، في كل صفحة
skip-to-main = انتقل إلى المحتوى الرئيسي
support-links = روابط المساعدة
footer-all-services = جميع الخدمات
footer-contact = اتصل بنا
footer-performance = كيف نؤدي عملنا
footer-accessibility = إمكانية الوصول
footer-cookies = ملفات تعريف الارتباط
footer-privacy = الخصوصية
language = اللغة
not-translated = هذه الصفحة غير متوفرة باللغة العربية بعد، لذلك تظهر باللغة الإنجليزية.

## الصفحة الرئيسية
home-title = التواصل مع المجلس
home-heading = تواصل مع { $council }
home-lead = أبلغ عن مشكلة أو اطلب خدمة أو اطرح علينا سؤالاً. تحصل كل رسالة على رقم مرجعي، ويمكنك معرفة موعد ردنا.
home-find-service = ابحث عن خدمة
home-follow-heading = تابع طلبك
home-reference-label = رقمك المرجعي
home-reference-hint = تجده في البريد الإلكتروني الذي أرسلناه إليك، مثل KMB-4K7-9QX
home-find-it = ابحث
home-person-heading = تحدث إلى شخص
home-person-text = في كل خط هاتفي خيار للتحدث إلى مستشار بشأن أي أمر.
home-person-contact = اتصل بنا هاتفياً أو راسلنا أو قم بزيارتنا
home-person-callback = اطلب منا معاودة الاتصال بك
home-performance-heading = كيف نؤدي عملنا
home-performance-text = ننشر وعودنا ومدى التزامنا بها، مباشرةً.
home-performance-link = اطّلع على أرقام هذا الشهر

## البحث عن خدمة
services-title = جميع الخدمات
services-search-title = بحث: { $q }
services-lead = اختر ما تريد الإبلاغ عنه أو طلبه أو السؤال عنه.
services-search-label = ابحث عن خدمة
services-search-hint = مثلاً: حاوية، حفرة في الطريق أو ضريبة المجلس
services-search-button = ابحث
services-found = { $count ->
    [0] لا توجد خدمات تطابق “{ $q }”
   *[other] عدد الخدمات التي تطابق “{ $q }”: { $count }
}
services-none-text = جرّب كلمات أخرى، أو تصفّح القائمة أدناه.
services-ask-anything = اسألنا عن أي أمر آخر
services-contact = اتصل بنا هاتفياً أو راسلنا أو قم بزيارتنا
services-empty = لا توجد خدمات بعد.

## صفحة الخدمة
service-back = العودة إلى جميع الخدمات
service-covers = ما تشمله هذه الخدمة
service-how = كيف تنجز ذلك
service-how-text = استخدم النموذج الإلكتروني في أي وقت. يطلب فقط ما يحتاجه الفريق، وتحصل على رقم مرجعي فوراً.
service-start = ابدأ الآن
service-person = إذا لم تتمكن من استخدام النموذج، أو كنت تفضّل التحدث إلى شخص:
service-promises = ما نعد به
service-performance = اطّلع على مدى التزامنا بوعودنا

## الأشهر
month = { $month ->
    [1] يناير
    [2] فبراير
    [3] مارس
    [4] أبريل
    [5] مايو
    [6] يونيو
    [7] يوليو
    [8] أغسطس
    [9] سبتمبر
    [10] أكتوبر
    [11] نوفمبر
   *[12] ديسمبر
} { $year }

## اتصل بنا
contact-lead = جميع طرق التواصل معنا، ومواعيد عملنا، وما نعد به في كل منها.
contact-online = عبر الإنترنت
contact-online-text = أبلغ عن مشكلة أو اطلب شيئاً أو اطرح سؤالاً في أي وقت. تحصل على رقم مرجعي فوراً ويمكنك متابعة طلبك.
contact-phone = الهاتف
contact-press = عند الاتصال، اضغط:
contact-textphone = إذا كنت تستخدم هاتفاً نصياً، اتصل بالرقم 18001 ثم الرقم المطلوب. تكلفة المكالمة مثل تكلفة الاتصال بخط أرضي.
contact-callback-text = إذا كنت تفضّل عدم الانتظار على الهاتف، أخبرنا بالوقت المناسب لك وسيتصل بك أحد المستشارين.
contact-callback-link = أخبرنا متى نتصل بك
contact-email = البريد الإلكتروني
contact-email-text = تحصل كل رسالة بريد إلكتروني على رقم مرجعي في الرد. النموذج الإلكتروني أسرع في معظم الحالات، لأنه يطلب ما يحتاجه الفريق.
contact-visit = زيارتنا
contact-post = راسلنا بالبريد
contact-unhappy = إذا لم تكن راضياً
contact-unhappy-text = إذا تجاوز طلبك الموعد الذي وعدنا به، افتحه من الرابط في رسالتنا الإلكترونية وأرسله إلى قائد الفريق. وإذا لم تكن راضياً عن طريقة تعاملنا مع أمر ما، يمكنك تقديم شكوى.
contact-complain = تقديم شكوى
contact-kept = تم الالتزام بنسبة { $percent }% حتى الآن في { $month } ({ $met } من { $due })
contact-none-due = لا شيء مستحق بعد في { $month }
