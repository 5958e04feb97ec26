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
footer-disclosure = سجل الإفصاح
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
service-book = احجز موعدًا
service-or-write = أو أرسل إلينا رسالة بدلًا من ذلك
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
contact-wait = مدة الانتظار المتوقعة الآن:
contact-wait-unknown = لا يمكننا تحديد مدة الانتظار الآن: تمت الإجابة على عدد قليل جداً من المكالمات مؤخراً.
contact-instead = أو أنجز ذلك عبر الإنترنت الآن، دون انتظار:
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

## التواريخ
weekday = { $weekday ->
    [1] الاثنين
    [2] الثلاثاء
    [3] الأربعاء
    [4] الخميس
    [5] الجمعة
    [6] السبت
   *[7] الأحد
}
month-name = { $month ->
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
}
date = { $weekday } { $day } { $month } { $year }
date-time = { $date } الساعة { $hour }:{ $minute } { $ampm ->
    [am] صباحاً
   *[pm] مساءً
}

## حالة الطلب
status-received = تم الاستلام
status-acknowledged = تم التأكيد
status-in_progress = قيد المعالجة
status-waiting_for_customer = بانتظار ردك
status-resolved = تم الحل
status-closed = مغلق
status-reopened = أعيد فتحه

## متابعة طلب
track-title = الطلب { $reference }
track-error-title = خطأ: الطلب { $reference }
error-summary-title = توجد مشكلة
error-prefix = خطأ:
success = تم بنجاح
track-status = الحالة
track-received = تاريخ الاستلام
track-told-us = ما أخبرتنا به
track-promised = ما وعدنا به
promise-done = أنجزنا هذا في { $date }، في الموعد.
promise-late = هذا متأخر. كان موعده { $due }.
promise-late-done = أنجزنا هذا في { $date }. كان موعده { $due }، لذا تأخرنا.
promise-paused = هذا متوقف مؤقتًا بانتظار ردك: لا يُحتسب وقت الانتظار.
promise-by = سننجز هذا بحلول { $date }.
promise-no-date = لا يوجد موعد لهذا بعد.
promise-withdrawn = لم يعد هذا ساريًا، لأن نوع الحالة تغيّر.
promise-tag-done = تم
promise-tag-late = متأخر
promise-tag-paused = متوقف مؤقتًا
promise-tag-due = مستحق
promise-tag-no-date = بلا موعد
promise-tag-withdrawn = ملغى
track-late = هذا الطلب متأخر: وعدنا بـ { $promise }.
track-late-promise = { $title } بحلول { $date }
track-warning = تحذير
track-escalate-text = يمكنك أن تطلب إحالته إلى قائد الفريق، الذي سيتأكد من معالجته.
track-escalate = أرسله إلى قائد الفريق
track-stage2-text = إذا لم تكن راضيًا عن ردنا على شكواك، يمكنك أن تطلب منا النظر فيها مرة أخرى. سيتولى ذلك شخص لم يتعامل معها من قبل. لا تحتاج إلى ذكر سبب.
track-stage2 = أحِل شكواي إلى المرحلة الثانية
track-review-text = إذا لم تكن راضيًا عن ردنا، يمكنك طلب مراجعة داخلية. سيتولاها شخص لم يتخذ القرار الأول. لا تحتاج إلى ذكر سبب.
track-review = اطلب مراجعة داخلية
track-escalated = أرسلت هذا الطلب إلى قائد الفريق في { $date }.
track-feedback-heading = هل حلّ هذا المشكلة؟
track-solved-legend = هل حلّ ما قمنا به المشكلة؟
track-yes = نعم
track-no = لا
track-no-hint = سنعيد فتح طلبك وننظر فيه مرة أخرى
track-rating-legend = كيف تقيّم طريقة تعاملنا مع الأمر؟
track-rating-5 = 5: جيد جداً
track-rating-4 = 4: جيد
track-rating-3 = 3: لا جيد ولا سيئ
track-rating-2 = 2: سيئ
track-rating-1 = 1: سيئ جداً
track-comment = أي شيء تود إخبارنا به (اختياري)
track-send = إرسال
track-reply-label = الرد أو إضافة معلومات
track-reply-hint = يصل إلى الفريق الذي يعالج طلبك.
track-reply-reopens = سيُعاد فتح طلبك.
track-send-message = إرسال الرسالة
track-closed = هذا الطلب مغلق. لإخبارنا بشيء جديد، أبلغ عنه مرة أخرى.
track-report-again = أبلغ عنه مرة أخرى
track-happened = ما الذي حدث
track-see-all = اطّلع على كل ما يخص هذا الطلب
track-see-all-text = لمعرفة ما حدث أو الرد أو إضافة معلومات، أخبرنا بعنوان البريد الإلكتروني أو رقم الهاتف الذي أعطيتنا إياه. الرابط في رسالتنا الإلكترونية يقوم بذلك نيابةً عنك.
track-answer-label = البريد الإلكتروني أو رقم الهاتف
track-continue = متابعة
track-privacy = حفاظاً على خصوصيتك، لا تعرض هذه الصفحة ما أخبرتنا به حتى ذلك الحين.
done-reply = وصلتنا رسالتك وأضفناها إلى طلبك
done-escalated = أُحيل طلبك إلى قائد الفريق
done-stage2 = تلقينا طلبك بإحالة شكواك إلى المرحلة الثانية
done-review = تلقينا طلبك لإجراء مراجعة داخلية
done-thanks = شكراً لإخبارنا
done-reopened = أعدنا فتح طلبك وسننظر فيه مرة أخرى
done-reopened-by = أعدنا فتح طلبك. سنتعامل معه بحلول { $date }.
event-created = استلمنا طلبك
event-status = الحالة: { $status }
event-we-wrote = كتبنا إليك
event-we-wrote-post = نكتب إليك بالبريد
event-letter-posted = أرسلنا رسالتنا إليك بالبريد
event-you-wrote = كتبت إلينا
event-date-moved = غيّرنا موعد { $title } إلى { $date }
event-why = السبب: { $reason }
event-escalated = طلبت إحالة هذا الطلب إلى قائد الفريق لأنه تأخر
event-stage2-requested = طلبت منا إحالة شكواك إلى المرحلة الثانية
event-stage2-acknowledged = أكدنا استلام طلبك للمرحلة الثانية
event-review-requested = طلبت إجراء مراجعة داخلية
track-error-answer-empty = أدخل البريد الإلكتروني أو رقم الهاتف الذي أعطيتنا إياه
track-error-answer-wrong = هذا لا يطابق البريد الإلكتروني أو رقم الهاتف المسجل لدينا لهذا الطلب
track-error-answer-too-many = أُدخلت إجابات خاطئة كثيرة لهذا الطلب. حاول مرة أخرى بعد ساعة، أو اتصل بنا
track-error-message-empty = أدخل رسالتك
track-error-message-long = يجب ألا تزيد رسالتك على { $max } حرف
track-error-solved = أخبرنا إن كان هذا قد حلّ المشكلة
track-error-rating = اختر تقييماً من 1 إلى 5
track-error-comment-long = يجب ألا يزيد تعليقك على { $max } حرف
track-error-closed = هذا الطلب مغلق. لإخبارنا بشيء جديد، أبلغ عنه مرة أخرى.
track-error-not-late = لم يتجاوز هذا الطلب موعده، لذا لا يمكن إحالته بعد.
track-error-no-stage2 = يمكنك طلب المرحلة الثانية بعد أن نرد على شكواك، ومرة واحدة فقط.
track-error-no-review = يمكنك طلب المراجعة بعد أن نرد على طلبك، ومرة واحدة فقط.
track-error-answered = لدينا إجابتك لهذا الطلب بالفعل. شكراً لك.

## بعد إرسال النموذج
sent-title = تم الإرسال
sent-reference = رقمك المرجعي هو
sent-keep = احتفظ بهذا الرقم المرجعي. اذكره إذا تواصلت معنا بشأن هذا الأمر مرة أخرى، حتى لا تضطر إلى شرحه مرتين.
sent-next = ما الذي سيحدث بعد ذلك
sent-next-text = سيطّلع عليه الفريق المسؤول. إذا أعطيتنا عنوان بريد إلكتروني، فسنرسل إليك الرقم المرجعي ونخبرك بموعد الرد المتوقع.
sent-follow = تابع طلبك
sent-follow-text = ، مع المواعيد التي نعد بها.
sent-other = أبلغ عن أمر آخر أو اسأل عنه

## كيف نؤدي عملنا
perf-title = كيف نؤدي عملنا
perf-lead = ننشر ما نعد به ومدى التزامنا به. هذه الأرقام مباشرة: يُحتسب كل طلب لحظة تغيّره.
perf-download = نزّل الأرقام، وهي متاحة مجاناً لإعادة الاستخدام بموجب رخصة الحكومة المفتوحة:
perf-csv = CSV
perf-json = JSON
perf-licence = رخصة الحكومة المفتوحة
perf-dictionary = معنى كل رقم
perf-wards-csv = التواصل حسب الدائرة، شهرًا بشهر (CSV)
perf-wards-heading = من نسمع منهم
perf-wards-lead = التواصل من كل دائرة هذا الشهر، ولكل 1,000 ساكن، لترى المجتمعات التي نسمع منها والتي لا نسمع منها. تُحدَّد الدائرة من الرمز البريدي المُعطى. يُعرض أقل من 5 حالات تواصل على أنها محجوبة، حتى لا يمكن تمييز أحد.
perf-ward = الدائرة
perf-ward-residents = السكان
perf-ward-contacts = التواصل
perf-ward-per-thousand = لكل 1,000 ساكن
perf-suppressed = أقل من 5
perf-show-for = اعرض الأرقام لـ
perf-all-services = جميع الخدمات
perf-show = اعرض الأرقام
perf-so-far = { $month } حتى الآن
perf-kept = من الوعود المستحقة تم الالتزام بها
perf-received = طلباً مستلماً
perf-open-late = طلباً مفتوحاً تجاوز موعده الآن
perf-median = الوقت الوسيط للحل، بأيام العمل
perf-none-due-yet = لا شيء مستحق بعد
perf-promises = وعودنا
perf-no-promises = لم ننشر أي وعود بعد.
perf-statutory = الشكاوى وطلبات المعلومات
perf-statutory-text = تُحدَّد هذه المهل بموجب القانون أو بموجب مدونة التعامل مع الشكاوى الصادرة عن أمين مظالم الإسكان وأمين مظالم الحكومة المحلية والرعاية الاجتماعية. ويتوقع مفوض المعلومات أن تجيب المجالس على 90% على الأقل من طلبات حرية المعلومات خلال 20 يوم عمل.
perf-no-figures = لا تتوفر لدينا أرقام لهذا الوعد بعد.
perf-over-year = خلال الأشهر الثلاثة عشر الماضية:
perf-share = تم الالتزام بنسبة { $percent }% ({ $met } من { $due } مستحقة)
perf-none = لم يكن هناك شيء مستحق
perf-chart = { $title }: نسبة الالتزام كل شهر. الأرقام نفسها موجودة في الجدول أدناه.
perf-show-table = اعرض أرقام { $title } في جدول
perf-by-month = { $title }، حسب الشهر
perf-month = الشهر
perf-kept-column = تم الالتزام
perf-due-column = مستحق
perf-share-column = نسبة الالتزام
perf-channels = كيف يتواصل الناس معنا
perf-channels-caption = الطلبات المستلمة، حسب طريقة وصولها إلينا
perf-total = المجموع
perf-times = كم يستغرق الأمر، وما رأي السكان
perf-times-text = الأوقات محسوبة بأيام العمل من يوم استلام الطلب إلى يوم حله. استغرق نصف الطلبات الوقت الوسيط أو أقل؛ واستغرق 9 من كل 10 طلبات المئين التسعين أو أقل.
perf-times-caption = أوقات الحل والرضا والإحالات، حسب الشهر
perf-resolved = تم حلها
perf-median-column = الوسيط
perf-p90 = المئين التسعون
perf-ratings = التقييمات
perf-average = متوسط التقييم
perf-rated-high = تقييم 4 أو 5
perf-solved = قالوا إنها حُلّت
perf-escalated = أحيلت بسبب التأخر
perf-days = { $days ->
    [one] يوم واحد
   *[other] { $days } أيام
}
perf-out-of-5 = { $rating } من 5
channel-web = نموذج إلكتروني
channel-email = البريد الإلكتروني
channel-phone = الهاتف
channel-letter = رسالة
channel-visit = زيارة
channel-social = وسائل التواصل الاجتماعي
channel-api = نظام شريك
month-short = { $month ->
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
}

## نموذج الخدمة
optional = (اختياري)
report-description-label = أخبرنا بما تحتاج إليه
report-description-label-callback = ما الموضوع الذي تريد التحدث عنه؟
report-description-hint = اذكر أكبر قدر ممكن من التفاصيل. لا تذكر بياناتك المصرفية. حتى { $max } حرف.
report-description-hint-callback = أخبرنا بموضوع الاتصال وأفضل وقت للاتصال بك، مثلاً "ضريبة المجلس، أي يوم عمل بعد الساعة 3 مساءً". لا تذكر بياناتك المصرفية. حتى { $max } حرف.
report-files-label = صور أو مستندات (اختياري)
report-files-hint = غالباً ما تساعدنا الصورة في تحديد المشكلة وإصلاحها. حتى { $files } ملفات، حجم كل منها أقل من { $mb } ميغابايت: صورة بصيغة JPG أو PNG أو HEIC أو WebP، أو ملف PDF.
report-files-added = الملفات التي أضفتها
report-files-remove-hint = ضع علامة على الملف لإزالته.
report-file-remove = إزالة { $file } ({ $size })
report-where = أين يقع؟
report-address = العنوان أو المكان
report-address-hint = مثلاً: 12 الشارع الرئيسي، أو أمام المكتبة في شارع المحطة
report-address-optional = العنوان أو المكان (اختياري)
report-address-optional-hint = اترك هذا فارغاً إذا لم يكن سؤالك عن مكان
report-postcode = الرمز البريدي (اختياري)
report-map-label = أو ضع دبوساً على الخريطة (اختياري)
report-map-hint = انقر على المكان أو المسه. اسحب الخريطة للتنقل، واستخدم + و − للتكبير والتصغير.
report-map-clear = إزالة الدبوس
report-map-dropped = وُضع الدبوس عند { $place }.
report-map-removed = أزيل الدبوس.
report-your-details = بياناتك
report-known = سنرد على { $name }.
report-known-email = البريد الإلكتروني: { $email }
report-known-phone = الهاتف: { $phone }
report-not-you = لست أنت؟ أدخل بيانات مختلفة
report-phone-call = رقم الهاتف الذي نتصل به
report-phone-call-hint = رقم في المملكة المتحدة، أو رقم دولي يبدأ بـ +
report-details-use = نستخدم هذه البيانات فقط للرد عليك بشأن هذا الأمر.
report-name = الاسم الكامل
report-email-optional = البريد الإلكتروني (اختياري)
report-email-optional-hint = سنرسل رقمك المرجعي إلى هنا
report-email = البريد الإلكتروني
report-email-hint = سنرسل رقمك المرجعي والمستجدات إلى هنا. أدخل بريداً إلكترونياً أو رقم هاتف.
report-phone-optional = رقم الهاتف (اختياري إذا أدخلت بريداً إلكترونياً)
date-day = اليوم
date-month = الشهر
date-year = السنة

## تحقق من إجاباتك
check-title = تحقق من إجاباتك: { $service }
check-heading = تحقق من إجاباتك قبل الإرسال
check-what-you-need = ما تحتاج إليه
check-what-about = موضوع الاتصال
check-not-given = لم يُذكر
check-files = الصور أو المستندات
check-no-files = لا شيء
check-where = المكان
check-pin = دبوس على الخريطة
check-name = الاسم
check-email = البريد الإلكتروني
check-phone = رقم الهاتف
check-not-you = لست أنت؟
check-change = تغيير
check-confirm = بإرسال هذا تؤكد أن ما أخبرتنا به صحيح على حد علمك.
check-send = إرسال

## أخطاء النموذج
label-description = وصفاً
label-address = العنوان أو المكان
label-name = اسمك
label-email = بريدك الإلكتروني
label-phone = رقم هاتفك
label-postcode = رمزاً بريدياً
error-enter = أدخل { $label }
error-too-long = يجب ألا يزيد نص { $label } على { $max } حرف (أدخلت { $len })
error-unreadable = يحتوي نص { $label } على رموز لا يمكننا قبولها؛ أعد كتابته من دونها
error-email-format = أدخل بريداً إلكترونياً بالصيغة الصحيحة، مثل name@example.com
error-phone-format = أدخل رقم هاتف، مثل 01632 960 001 أو ‎+44 7700 900 982
error-postcode-format = أدخل رمزاً بريدياً حقيقياً، مثل SW1A 1AA
error-pin = تعذر استخدام الدبوس على الخريطة. ضعه مرة أخرى، أو اتركه
error-where = أدخل العنوان أو المكان، أو رمزاً بريدياً، حتى نتمكن من إيجاده
error-contact = أدخل بريداً إلكترونياً أو رقم هاتف، حتى نخبرك بما يحدث
error-callback-phone = أدخل رقم هاتف، حتى نتمكن من معاودة الاتصال بك
error-field-number = أدخل رقماً لـ“{ $label }”، مثل 3 أو 2.5
error-field-listed = اختر من الإجابات المدرجة لـ“{ $label }”
error-field-choose = اختر إجابة لـ“{ $label }”
error-field-enter = أدخل إجابة لـ“{ $label }”
error-field-date-missing = يجب أن يتضمن “{ $label }” اليوم والشهر والسنة
error-field-date-real = يجب أن يكون “{ $label }” تاريخاً حقيقياً، مثل 27 3 2026
error-file-gone = لم يُرسل ملف أضفته خلال ساعة، لذا حُذف. أضفه مرة أخرى
error-title-too-many = محاولات كثيرة جدًا
error-message-too-many = لقد أرسلت هذا مرات كثيرة في وقت قصير. انتظر بضع دقائق ثم حاول مرة أخرى.
error-uploads-full = لقد أضفت أقصى عدد من الملفات يمكننا الاحتفاظ به لك الآن. أرسل بلاغك دون ملفات أخرى، أو حاول مرة أخرى بعد ساعة
error-uploads-busy = لا يمكننا قبول ملفات أخرى الآن. أرسل بلاغك دون ملفات، أو حاول مرة أخرى لاحقًا
error-file-too-big = يجب أن يكون حجم كل ملف أقل من { $max } ميغابايت
error-too-many-files = لا تضف أكثر من { $max } ملفات
error-file-not-added = لا تضف أكثر من { $max } ملفات: لم يُضف { $file }
error-file-empty = الملف { $file } فارغ
error-file-size = يجب أن يكون حجم الملف { $file } أقل من { $max } ميغابايت
error-file-type = يجب أن يكون الملف { $file } صورة بصيغة JPG أو PNG أو HEIC أو WebP، أو ملف PDF
check-now-send-report = أرسل بلاغك الآن
check-now-send-request = أرسل طلبك الآن
check-pin-at = دبوس على الخريطة عند { $place }

## صفحات الخطأ
error-home = انتقل إلى الصفحة الرئيسية
error-title-not-found = الصفحة غير موجودة
error-title-bad-request = توجد مشكلة
error-title-forbidden = لا يمكنك القيام بذلك
error-title-expired = انتهت صلاحية النموذج
error-title-internal = عذراً، توجد مشكلة في الخدمة
error-message-not-found = إذا كتبت عنوان الصفحة، فتحقق من صحته. وإذا نسخته، فتحقق من أنك نسخت العنوان كاملاً.
error-message-forbidden = دورك لا يشمل هذا الإجراء. اطلب من قائد فريقك أو من أحد المسؤولين إذا كنت بحاجة إليه.
error-message-expired = لم يتغير شيء. عُد إلى الصفحة السابقة وأعد تحميلها وحاول مرة أخرى.
error-message-internal = حاول مرة أخرى لاحقاً. لم يُمنح أي شيء أرسلته رقماً مرجعياً ما لم تكن قد رأيته.

## بيان إمكانية الوصول
a11y-title = بيان إمكانية الوصول
a11y-intro = يتعلق هذا البيان بالموقع الذي تستخدمه للتواصل مع { $council } والإبلاغ عن المشكلات وطلب الخدمات ومتابعة طلبك. يدير { $council } هذا الموقع. نريد أن يتمكن أكبر عدد ممكن من الناس من استخدامه. يجب أن تكون قادراً على:
a11y-can-colours = تغيير الألوان ومستويات التباين والخطوط من إعدادات متصفحك أو جهازك
a11y-can-zoom = التكبير حتى 400% دون أن يخرج النص عن الشاشة
a11y-can-keyboard = التنقل في الموقع كله باستخدام لوحة المفاتيح فقط
a11y-can-nojs = استخدامه مع إيقاف JavaScript
a11y-can-reader = الاستماع إليه باستخدام قارئ شاشة، مثل NVDA أو JAWS أو VoiceOver
a11y-can-language = قراءته باللغة الإنجليزية أو الويلزية أو العربية
a11y-plain = نستخدم لغة واضحة، وتصاميم صفحات نظام تصميم GOV.UK التي تُختبر مع أشخاص من ذوي الإعاقة.
a11y-how = مدى إمكانية الوصول إلى هذا الموقع
a11y-compliant = يتوافق هذا الموقع تماماً مع معيار AA من إرشادات إمكانية الوصول إلى محتوى الويب، الإصدار 2.2، باستثناء ما هو مذكور أدناه.
a11y-map = الخريطة في نماذج الإبلاغ
a11y-map-text = يمكنك وضع دبوس على الخريطة لتحديد مكان المشكلة. تحتاج الخريطة إلى فأرة أو لمس أو مفاتيح الأسهم، ولا تعمل مع جميع قارئات الشاشة. لا تحتاج إليها أبداً: مربعا العنوان والرمز البريدي بجانبها يؤديان المهمة نفسها.
a11y-english-data = بعض الكلمات باللغة الإنجليزية في الصفحات المكتوبة بلغات أخرى
a11y-english-data-text = يكتب موظفو المجلس أسماء الخدمات وأوصافها وإشعارات الخدمات والأسئلة في النماذج ووعودنا باللغة الإنجليزية. وهي معلّمة على أنها إنجليزية، حتى تقرأها قارئات الشاشة بشكل صحيح.
a11y-cannot = ماذا تفعل إذا لم تتمكن من استخدام هذا الموقع
a11y-cannot-text = يمكنك الاتصال بنا هاتفياً أو مراسلتنا بالبريد الإلكتروني أو بالبريد العادي أو زيارتنا، أو أن تطلب منا معاودة الاتصال بك. أخبرنا إذا كنت تحتاج إلى المعلومات بصيغة أخرى، مثل الطباعة الكبيرة أو النص المبسّط أو الصوت أو طريقة برايل، أو إلى مترجم. سنرد خلال 3 أيام عمل.
a11y-report = الإبلاغ عن مشكلات إمكانية الوصول في هذا الموقع
a11y-report-text = نسعى دائماً إلى التحسين. إذا وجدت مشكلة غير مذكورة هنا، أو رأيت أننا لا نستوفي المتطلبات، فراسلنا على { $email } وستصبح طلباً برقم مرجعي، مثل أي تواصل آخر.
a11y-enforcement = إجراءات التنفيذ
a11y-enforcement-text = لجنة المساواة وحقوق الإنسان (EHRC) مسؤولة عن تنفيذ لوائح إمكانية الوصول لهيئات القطاع العام (المواقع الإلكترونية وتطبيقات الهاتف المحمول) (رقم 2) لعام 2018. إذا لم تكن راضياً عن ردنا على شكواك، فتواصل مع خدمة المشورة والدعم في مجال المساواة (EASS).
a11y-eass = خدمة المشورة والدعم في مجال المساواة
a11y-tested = كيف اختبرنا هذا الموقع
a11y-tested-text = تُفحص كل صفحة عامة تلقائياً، بما فيها رسائل الخطأ وبكل اللغات، في كل مرة يتغير فيها الموقع: يشغّل axe-core اختبارات المستويين A وAA من WCAG 2.2 في متصفح Chromium، وتُختبر المسارات الرئيسية (الإبلاغ عن مشكلة، ومتابعة طلب، والرد، وإبداء الرأي) مع إيقاف JavaScript وباستخدام لوحة المفاتيح وحدها.
a11y-tested-people = لا تكتشف الاختبارات التلقائية إلا بعض المشكلات. لذلك نطلب أيضاً من سكان من ذوي الإعاقة تجربة الموقع، ونعمل بما يخبروننا به.

## ملفات تعريف الارتباط
cookies-title = ملفات تعريف الارتباط
cookies-intro = ملفات تعريف الارتباط ملفات صغيرة تُحفظ على هاتفك أو جهازك اللوحي أو حاسوبك عند زيارة موقع إلكتروني. يستخدم هذا الموقع فقط الملفات التي يحتاجها ليعمل. لا نستخدمها لقياس طريقة استخدامك للموقع، ولا شيء يتتبعك لأغراض الإعلانات، لذلك لا نطلب إذنك.
cookies-caption = ملفات تعريف الارتباط التي يضعها هذا الموقع
cookies-name = الاسم
cookies-purpose = الغرض منه
cookies-expiry = متى يُحذف
cookies-case = يتذكر أنك أدخلت البريد الإلكتروني أو رقم الهاتف الخاص بطلب، أو فتحته من رسالتنا الإلكترونية، حتى تتمكن من رؤيته والرد عليه. لكل طلب ملفه الخاص.
cookies-case-expiry = بعد 30 يوماً
cookies-you = يُوضع فقط إذا فتحت الرابط في رسالتنا الإلكترونية الذي يوفر عليك إعادة كتابة بياناتك. اختر "لست أنت؟" في أي نموذج لإزالته.
cookies-you-expiry = بعد 90 يوماً
cookies-lang = يتذكر اللغة التي اخترتها.
cookies-lang-expiry = بعد سنة
cookies-staff = لموظفي المجلس فقط: يُبقيهم مسجلين الدخول إلى مساحة عمل الموظفين ويحمي نموذج تسجيل الدخول.
cookies-staff-expiry = عند تسجيل الخروج، أو بعد ساعتين من عدم الاستخدام، أو بعد 12 ساعة

## الخصوصية
privacy-title = كيف نستخدم معلوماتك
privacy-controller = { $council } هو المتحكم في البيانات التي تخبرنا بها عبر هذا الموقع أو بالبريد الإلكتروني أو بالهاتف أو برسالة أو شخصياً.
privacy-collect = ما الذي نجمعه
privacy-collect-name = اسمك، والبريد الإلكتروني أو رقم الهاتف أو العنوان الذي تعطينا إياه
privacy-collect-what = ما تخبرنا به، وإجاباتك عن أسئلة النموذج، وأي صور أو مستندات ترسلها
privacy-collect-where = مكان المشكلة إذا أخبرتنا به، بما في ذلك الدبوس الذي تضعه على الخريطة
privacy-collect-history = كل ما نقوم به نحن وأنت بشأن طلبك، مع التاريخ والوقت
privacy-why = لماذا نستخدمها
privacy-why-text = لمعالجة ما طلبته، وإبقائك على اطلاع، والتحقق من مدى التزامنا بوعودنا ونشره. الأرقام المنشورة أعداد فقط ولا تكشف هوية أي شخص أبداً. والأساس القانوني لذلك أنه جزء من مهمتنا العامة (المادة 6(1)(هـ) من اللائحة العامة لحماية البيانات في المملكة المتحدة).
privacy-who = من يطّلع عليها
privacy-who-text = موظفو المجلس الذين يعالجون طلبك، وأي متعهد ينجز العمل لصالحنا، ولا يرى إلا الطلبات المسندة إليه. ويُسجَّل كل فتح لطلبك من قبل أحد الموظفين. لا نبيع معلوماتك ولا نستخدمها للتسويق.
privacy-map = إذا استخدمت الخريطة في نموذج، يجلب متصفحك صور الخريطة من مزوّد الخرائط لدينا، الذي يرى عنوان IP الخاص بك.
privacy-keep = كم من الوقت نحتفظ بها
privacy-keep-text = نحتفظ بالمعلومات الشخصية في كل طلب للمدة المبينة أدناه بعد إغلاق الطلب. ثم نحذف اسمك وبيانات الاتصال بك وعنوانك وما كتبته وأي ملفات، ونحتفظ بالأرقام فقط، وهي لا تكشف هوية أحد أبداً. وتُحذف الصورة التي أرسلتها مع نموذج لم تكمله بعد ساعة واحدة.
privacy-keep-what = نوع الطلب
privacy-keep-how-long = مدة الاحتفاظ بعد إغلاق الطلب
privacy-keep-hold = لا نحتفظ بالطلب مدة أطول إلا عندما يقتضي القانون ذلك، مثلاً أثناء نظر أمين المظالم أو محكمة مختصة أو محكمة في الأمر.
privacy-kind-enquiry = الأسئلة والاستفسارات
privacy-kind-service_request = البلاغات وطلبات الخدمة
privacy-kind-complaint = الشكاوى
privacy-kind-compliment = عبارات الشكر
privacy-kind-foi = طلبات حرية المعلومات
privacy-kind-eir = طلبات المعلومات البيئية
privacy-kind-subject_access = طلبات الحصول على معلوماتك الشخصية
privacy-kind-erasure = طلبات حذف معلوماتك
privacy-kind-rectification = طلبات تصحيح معلوماتك
privacy-kind-restriction = طلبات التوقف عن استخدام معلوماتك
privacy-kind-callback = طلبات معاودة الاتصال (سجلات مكالماتنا)
privacy-kind-reception_visit = زيارات مكتب الاستقبال التي لم تتطلب فتح طلب
privacy-period-years = { $n ->
    [one] سنة واحدة
    [two] سنتان
    [few] { $n } سنوات
   *[other] { $n } سنة
}
privacy-period-months = { $n ->
    [one] شهر واحد
    [two] شهران
    [few] { $n } أشهر
   *[other] { $n } شهراً
}
privacy-rights = حقوقك
privacy-rights-text = يمكنك طلب نسخة من المعلومات التي نحتفظ بها عنك، وأن تطلب منا تصحيحها أو حذفها أو التوقف عن استخدامها. راسلنا على { $email } أو تواصل معنا بطريقة أخرى. إذا لم تكن راضياً عن طريقة استخدامنا لمعلوماتك، يمكنك تقديم شكوى إلى مكتب مفوض المعلومات.
privacy-ico = تقديم شكوى إلى مكتب مفوض المعلومات

## أخطاء تخص طلباً واحداً
error-ref-empty = أدخل رقماً مرجعياً.
error-ref-length = يتكون الرقم المرجعي من 6 أو 9 أحرف وأرقام بعد البادئة.
error-ref-character = لا يمكن أن يحتوي الرقم المرجعي على “{ $character }”.
error-ref-check = هذا الرقم المرجعي ليس من أرقامنا؛ تحقق من عدم وجود حرف أو رقم مكتوب خطأ.
error-ref-missing = أدخل رقمك المرجعي، مثل KMB-4K7-9QX. تجده في البريد الإلكتروني الذي أرسلناه إليك.
error-link-incomplete = هذا الرابط غير مكتمل. انسخ الرابط كاملاً من البريد الإلكتروني، أو أدخل رقمك المرجعي مع البريد الإلكتروني أو رقم الهاتف الذي أعطيتنا إياه.
error-prove-first = للقيام بذلك، أدخل أولاً البريد الإلكتروني أو رقم الهاتف الذي أعطيتنا إياه في صفحة الطلب { $reference }.
error-no-service = لا توجد خدمة باسم “{ $code }”. ابحث عنها في قائمة الخدمات.
error-no-group = لا توجد مجموعة خدمات باسم “{ $group }”. اختر واحدة من القائمة في صفحة الأداء.
error-you-link = انتهت صلاحية هذا الرابط أو أنه غير مكتمل. لا يزال بإمكانك الإبلاغ عن أي أمر أو السؤال عنه: سنطلب بياناتك.
error-unreadable-form = تعذرت علينا قراءة النموذج المرسل. عُد وحاول مرة أخرى.

## قاموس البيانات المفتوحة
dict-title = بيانات الأداء: معنى كل رقم
dict-intro = البيانات التي تستند إليها صفحة أدائنا متاحة على عنوانين لن يتغيرا:
dict-csv = صف واحد لكل شهر وخدمة ومقياس ومفتاح
dict-json = الصفوف نفسها، مع قائمة المعايير وعدد الطلبات المفتوحة التي تجاوزت موعدها الآن
dict-group = أضف ?group= واسم مجموعة خدمات إلى أي منهما للحصول على بيانات تلك المجموعة فقط. يغطي كلاهما هذا الشهر والأشهر الاثني عشر السابقة، ويُحدَّثان مرة واحدة في الدقيقة على الأكثر، وهما متاحان مجاناً لإعادة الاستخدام بموجب رخصة الحكومة المفتوحة، الإصدار 3.0.
dict-columns = الأعمدة
dict-measures = المقاييس
dict-measures-caption = كل مقياس، وما يحسبه، ومعنى مفتاحه
dict-measure = المقياس
dict-counts = ما يحسبه
dict-key = المفتاح
dict-english = أسماء الأعمدة والمقاييس والمفاتيح رموز باللغة الإنجليزية، وهي نفسها في كل اللغات، حتى تتمكن البرامج من قراءة الملفات.
dict-share = نسبة الالتزام بالوعد هي standard_met مقسوماً على مجموع standard_met وstandard_missed لمفتاحه. الوسيط والمئين التسعون محسوبان بطريقة الرتبة الأقرب: أصغر عدد من الأيام استغرقه نصف (أو 9 من كل 10) الطلبات التي حُلّت في الشهر أو أقل.
dict-standards = المعايير
dict-standards-caption = مفتاح كل وعد
dict-promise = الوعد
dict-target = الهدف
dict-col-month = الشهر الميلادي بصيغة YYYY-MM، بتوقيت المملكة المتحدة.
dict-col-service_group = العنوان الذي تُدرج الخدمة تحته.
dict-col-service_code = الرمز المختصر للخدمة، وهو لا يتغير. يكون فارغاً للأرقام التي لا تخص خدمة بعينها، مثل المكالمات الهاتفية.
dict-col-service = اسم الخدمة.
dict-col-measure = ما يُحتسب: انظر المقاييس أدناه.
dict-col-key = ما يحدّد المقياس، ويعتمد على المقياس.
dict-col-value = العدد.
dict-m-received = الطلبات المستلمة في الشهر، حسب القناة التي وصلت عبرها.
dict-k-received = القناة: web أو email أو phone أو letter أو visit أو social أو api
dict-m-standard_met = الوعود التي تم الالتزام بها: عدّاد معيار منشور توقف في الوقت المحدد، ويُحتسب في الشهر الذي توقف فيه.
dict-k-standard_met = معرّف المعيار، كما هو مدرج أدناه
dict-m-standard_missed = الوعود التي لم يُلتزم بها: عدّاد معيار تجاوز موعده، ويُحتسب في الشهر الذي استحق فيه.
dict-k-standard_missed = معرّف المعيار، كما هو مدرج أدناه
dict-m-resolved_in_working_days = الطلبات التي حُلّت في الشهر، حسب عدد أيام العمل التي استغرقتها. ويُسحب الطلب الذي يُعاد فتحه لاحقاً.
dict-k-resolved_in_working_days = عدد أيام العمل الكاملة من يوم الاستلام إلى يوم الحل
dict-m-rating = إجابات السكان عن سؤال "كيف تقيّم طريقة تعاملنا مع الأمر؟" بعد الحل.
dict-k-rating = التقييم، من 1 (سيئ جداً) إلى 5 (جيد جداً)
dict-m-solved = إجابات السكان عن سؤال "هل حلّ هذا المشكلة؟" بعد الحل. الإجابة "لا" تعيد فتح الطلب.
dict-k-solved = yes أو no
dict-m-escalated_by_resident = الطلبات التي أحالها أحد السكان إلى قائد الفريق لأنها تجاوزت موعدها: طلب ناتج عن إخفاق.
dict-k-escalated_by_resident = فارغ
dict-m-waited_minutes = الأشخاص الذين قوبلوا وجهاً لوجه، بحسب مدة انتظارهم بعد الموعد: الزائر من وصوله حتى النداء عليه، والموعد من وقته حتى بدئه (أو من الوصول المتأخر)، وزيارة الموظف للمنزل من الوقت المتفق عليه حتى وصول الموظف.
dict-k-waited_minutes = المعيار:الموقع:الدقائق، مثل visitor-seen:town-hall:7 (دقائق كاملة مقرّبة إلى الأدنى، 240 كحد أقصى؛ موقع الزيارة المنزلية هو home)
dict-m-contacts = تواصل العملاء خلال الشهر (نموذج، بريد إلكتروني، مكالمة، رسالة، زيارة)، يُحسب كل منها مرة واحدة كطلب قيمة (ما وُجدت الخدمة من أجله) أو طلب إخفاق (سببه عدم القيام بشيء أو عدم القيام به على الوجه الصحيح). رمز الخدمة فارغ للتواصل الذي لا حالة له.
dict-k-contacts = القناة:الطلب، مثل phone:progress_chasing. الطلب هو value أو progress_chasing أو not_done أو clarification أو misdirected أو repeat
dict-m-handoff = الحالات التي نُقلت من فريق إلى آخر خلال الشهر.
dict-k-handoff = الفريق الذي غادرته والفريق الذي انتقلت إليه، برقميهما، مثل 3:5
dict-m-open_past_date_now = الطلبات المفتوحة التي تجاوزت موعد أحد الوعود لحظة إنشاء الملف (صف واحد، في الشهر الحالي).
dict-k-open_past_date_now = فارغ

## The disclosure log
disclosure-title = سجل الإفصاح
disclosure-intro = ردودنا على طلبات حرية المعلومات وطلبات المعلومات البيئية، منشورة ليقرأها أي شخص. لا نعرض أبدًا من قدّم الطلب.
disclosure-ask = لطلب معلومات بنفسك، اختر من خدماتنا.
disclosure-caption = الردود المنشورة، الأحدث أولًا
disclosure-none = لم يُنشر شيء بعد.
disclosure-subject = الموضوع
disclosure-received = تاريخ الطلب
disclosure-answered = تاريخ الرد
disclosure-law = القانون
disclosure-law-foi = قانون حرية المعلومات لعام 2000
disclosure-law-eir = لوائح المعلومات البيئية لعام 2004
disclosure-outcome = النتيجة
disclosure-outcome-provided = قُدّمت المعلومات كاملة
disclosure-outcome-part_provided = قُدّم جزء من المعلومات
disclosure-outcome-refused = رُفض الطلب
disclosure-outcome-not_held = لا نحتفظ بهذه المعلومات
disclosure-withheld = أسباب حجب المعلومات
disclosure-request = الطلب
disclosure-response = ردنا
disclosure-older = ردود أقدم
disclosure-all = كل الردود المنشورة
callback-when-legend = متى يجب أن نتصل بك؟
callback-when-hint = الصباح حتى الساعة 12:30 ظهراً؛ وبعد الظهر من 12:30 ظهراً حتى موعد الإغلاق.
callback-when-asap = في أقرب وقت ممكن (خلال يوم عمل واحد)
callback-when-today-am = صباح اليوم
callback-when-today-pm = بعد ظهر اليوم
callback-when-next-am = يوم العمل التالي، في الصباح
callback-when-next-pm = يوم العمل التالي، بعد الظهر
error-callback-when = اختر متى يجب أن نتصل بك

## Checking an officer's card, and the reception board
officer-title = التحقق من بطاقة هوية موظف
officer-intro = يحمل كل موظف يزور منزلًا بطاقة هوية عليها رقم. اكتب الرقم للتحقق منه. يمكنك أيضًا الاتصال بنا على { $phone }.
officer-card = الرقم المكتوب على البطاقة
officer-postcode = رمزك البريدي (اختياري)
officer-postcode-hint = للتحقق من وجود زيارة مرتبة لك اليوم
officer-check = تحقق من البطاقة
officer-known = هذا موظف حالي
officer-visiting = لديه زيارة مرتبة إلى رمزك البريدي اليوم.
officer-not-visiting = ليست لديه زيارة مرتبة إلى رمزك البريدي اليوم. لا تسمح له بالدخول حتى تتصل بنا على { $phone }.
officer-add-postcode = أضف رمزك البريدي للتحقق من وجود زيارة مرتبة لك اليوم.
officer-unknown = لا يحمل أي موظف حالي البطاقة { $card }. لا تسمح له بالدخول. اتصل بنا على { $phone }، أو بالشرطة على 101 (أو 999 إذا شعرت بالخطر).
officer-error-card = أدخل الرقم المكتوب على بطاقة الهوية كما هو مطبوع
board-calling = النداء الآن
board-nobody = لا يُنادى على أحد الآن.
board-ticket = التذكرة
board-go-to = توجّه إلى
board-reception = الاستقبال
board-waiting = المنتظرون: { $waiting }. مدة الانتظار المعتادة: { $wait }.
board-no-wait = لا انتظار الآن
board-under-5 = أقل من 5 دقائق
board-about = نحو { $minutes } دقيقة
board-soon = سننادي عليك قريبًا
board-look-again = انظر مرة أخرى
board-promise = نسعى إلى مقابلتك خلال 15 دقيقة. وإن لم نستطع، سنخبرك بالسبب وبالمدة.
officer-warning = تحذير

## Equality monitoring on the report form (optional; counted only)
eq-summary = ساعدنا على التحقق من أننا نخدم الجميع (اختياري)
eq-intro = تساعدنا هذه الأسئلة على معرفة ما إذا كانت بعض فئات الناس تجد صعوبة أكبر في الوصول إلينا. كل سؤال اختياري. تُضاف إجاباتك إلى المجاميع فقط: لا تُحفظ مع بلاغك، ولا يراها الموظفون الذين يتعاملون معه.
error-equality = اختر إحدى الإجابات، أو اترك السؤال
eq-age = عمرك
eq-age-16-24 = من 16 إلى 24
eq-age-25-34 = من 25 إلى 34
eq-age-35-44 = من 35 إلى 44
eq-age-45-54 = من 45 إلى 54
eq-age-55-64 = من 55 إلى 64
eq-age-65-74 = من 65 إلى 74
eq-age-75-plus = 75 أو أكثر
eq-age-under-16 = أقل من 16
eq-age-prefer-not = أفضّل عدم الإجابة
eq-sex = جنسك
eq-sex-female = أنثى
eq-sex-male = ذكر
eq-sex-prefer-not = أفضّل عدم الإجابة
eq-ethnicity = مجموعتك العرقية
eq-ethnicity-asian = آسيوي، آسيوي بريطاني، آسيوي ويلزي
eq-ethnicity-black = أسود، أسود بريطاني، أسود ويلزي، كاريبي أو أفريقي
eq-ethnicity-mixed = مجموعات عرقية مختلطة أو متعددة
eq-ethnicity-white = أبيض
eq-ethnicity-other = مجموعة عرقية أخرى
eq-ethnicity-prefer-not = أفضّل عدم الإجابة
eq-disability = هل أنشطتك اليومية محدودة بسبب مشكلة صحية أو إعاقة استمرت، أو يُتوقع أن تستمر، 12 شهرًا على الأقل؟
eq-disability-yes-a-lot = نعم، محدودة كثيرًا
eq-disability-yes-a-little = نعم، محدودة قليلًا
eq-disability-no = لا
eq-disability-prefer-not = أفضّل عدم الإجابة

## Messages to a customer: the acknowledgement, and the frame round every update.
## { $date } is a date as "Tuesday 3 March 2026".
mail-dear = عزيزي/عزيزتي { $name }،
ack-subject = وصلتنا رسالتك
ack-thanks = شكرًا لتواصلك مع { $council } بخصوص "{ $subject }". وصلتنا رسالتك.
ack-reference = رقمك المرجعي هو { $reference }.
ack-next-heading = ماذا يحدث بعد ذلك
ack-next = سينظر فريقنا في الأمر.
ack-promise-reply = سنرد بحلول { $date }.
ack-promise-resolve = سنعالج الأمر بحلول { $date }.
ack-add-email = لإضافة أي شيء، رُدّ على هذه الرسالة واترك الرقم المرجعي في الموضوع.
ack-add-letter = لإضافة أي شيء، اكتب إلينا على العنوان في أعلى هذه الرسالة، أو اتصل بنا، واذكر رقمك المرجعي.
ack-follow = تابع حالتك عبر الإنترنت: { $link }
ack-tell-us-once = للإبلاغ عن شيء آخر أو السؤال عنه دون كتابة بياناتك مرة أخرى: { $link }
update-subject = بخصوص حالتك { $reference }
update-follow = تابع حالتك: { $link }
update-answer-email = للرد، رُدّ على هذه الرسالة واترك الرقم المرجعي في الموضوع.
update-answer-letter = للرد، اكتب إلينا على العنوان في أعلى هذه الرسالة، أو اتصل بنا، واذكر رقمك المرجعي.
update-calendar-add = مرفق ملف تقويم لإضافته إلى تقويمك.
update-calendar-remove = مرفق ملف تقويم لإزالته من تقويمك.
update-resolved-ask = هل حلّ هذا الأمر؟ أخبرنا، أو أخبرنا بما لا يزال خطأً: { $link }

## A service notice's heading, when it is for every service
notice-heading = إشعار

## A printed letter's headings (Arabic letters are printed in English: see language::Language::in_print)
letter-reference = رقمنا المرجعي: { $reference }
letter-date = التاريخ: { $date }
letter-page = رقمنا المرجعي: { $reference } (صفحة { $page })

## Messages the council's system writes to a customer: a deadline extended, a complaint's
## stages, a callback that could not reach them, appointments and home visits.
extension-subject = { $reference }: نحتاج إلى مزيد من الوقت
extension-sorry = نعتذر، لكننا نحتاج إلى مزيد من الوقت لمعالجة { $reference }.
extension-by = سنرد الآن بحلول { $date }.
extension-reason = السبب: { $reason }
extension-answer-email = إذا سبب لك هذا مشكلة، فرُدّ على هذه الرسالة وأخبرنا.
extension-answer-letter = إذا سبب لك هذا مشكلة، فاكتب إلينا أو اتصل بنا، واذكر رقمك المرجعي.
complaint-stage2-received = وصلنا طلبك لرفع شكواك إلى المرحلة الثانية. سينظر فيها مجددًا شخص لم يتعامل معها في المرحلة الأولى.
complaint-stage2-by = سنعطيك ردنا النهائي بحلول { $date }.
complaint-decision = قرارنا: شكواك { $outcome }.
complaint-outcome-upheld = مقبولة
complaint-outcome-partly_upheld = مقبولة جزئيًا
complaint-outcome-not_upheld = غير مقبولة
complaint-will-do = ما سنفعله بحلول { $date }: { $promise }
complaint-signpost-stage1 = إذا لم تكن راضيًا عن هذا الرد، يمكنك أن تطلب منا النظر في شكواك مجددًا في المرحلة الثانية. لا تحتاج إلى ذكر سبب. رُدّ على هذه الرسالة، أو اطلب ذلك من صفحة حالتك: { $link }
complaint-signpost-final = هذا ردنا النهائي. إذا كنت لا تزال غير راضٍ، يمكنك أن تطلب من أمين المظالم النظر في شكواك. الخدمة مجانية ومستقلة. { $ombudsman }
complaint-promised = في ردنا وعدنا بما يلي: { $promise }
complaint-promise-done = تم ذلك: { $note }
callback-gave-up = حاولنا الاتصال بك { $tries } مرات على الرقم { $phone } كما طلبت، لكننا لم نتمكن من الوصول إليك.
callback-ask-again = لتطلب منا الاتصال بك مرة أخرى في وقت يناسبك: { $link }
callback-or-reply = أو رُدّ على هذه الرسالة وأخبرنا بما تحتاج إليه.
appointment-booked = تم حجز موعدك.
appointment-moved = نُقل موعدك إلى وقت جديد.
appointment-cancelled = أُلغي موعدك في { $when }.
appointment-interpreter = سنرتب أن يكون هذا متاحًا لك: { $what }. إذا احتجت إلى أي شيء آخر، فأخبرنا.
appointment-what = ماذا: { $service }
appointment-when = متى: { $when }
appointment-where = أين: { $place }
appointment-come-early = يُرجى الحضور إلى الاستقبال قبل الموعد ببضع دقائق؛ سنستقبلك خلال 5 دقائق منه.
appointment-change = لتغييره أو إلغائه: { $link }
appointment-earlier-link = (الرابط في رسالتنا السابقة)
appointment-book-another = لحجز موعد آخر: { $link }
appointment-reminder = تذكير بموعدك.
appointment-reminder-change = إذا لم تتمكن من الحضور، فيُرجى تغييره أو إلغاؤه باستخدام الرابط في الرسالة التي أكدته، أو الاتصال بنا، ليحصل شخص آخر على الوقت.
visit-arranged = سيزور { $officer } من { $team } منزلك { $when }.
visit-card = سيُريك بطاقة هوية رقمها { $card }. للتحقق من صحتها، اذهب إلى { $link } أو اتصل بنا.
visit-cancelled = أُلغيت الزيارة إلى منزلك { $when }.
visit-moved = نُقلت الزيارة إلى منزلك إلى { $when }.
visit-moved-card = سيُريك { $officer } بطاقة هوية رقمها { $card }؛ تحقق منها على { $link }.
visit-window = { $from }، حتى { $to }
info-decision-first = قرارنا: { $decision }.
info-decision-review = قرار المراجعة: { $decision }.
info-outcome-provided = قُدّمت المعلومات كاملة
info-outcome-part_provided = قُدّم جزء من المعلومات
info-outcome-refused = رُفض الطلب
info-outcome-not_held = المعلومات غير موجودة لدينا
info-outcome-upheld = أُيّد القرار الأول
info-outcome-partly_overturned = أُلغي القرار الأول جزئيًا
info-outcome-overturned = أُلغي القرار الأول
info-withheld = يسمح لنا القانون بحجب المعلومات للأسباب التالية (كما يسميها القانون):
info-closing-foi = إذا لم تكن راضيًا عن هذا الرد، يمكنك طلب مراجعة داخلية. سينظر فيه مجددًا شخص لم يتخذ هذا القرار. اطلب ذلك خلال 40 يوم عمل: رُدّ على هذه الرسالة، أو اطلب من صفحة حالتك: { $link }
info-closing-eir = إذا لم تكن راضيًا عن هذا الرد، يمكنك أن تطلب منا إعادة النظر فيه. سينظر فيه مجددًا شخص لم يتخذ هذا القرار. اطلب ذلك خلال 40 يوم عمل: رُدّ على هذه الرسالة، أو اطلب من صفحة حالتك: { $link }
info-closing-final = هذا ردنا النهائي. إذا كنت لا تزال غير راضٍ، يمكنك تقديم شكوى إلى مفوض المعلومات. الخدمة مجانية ومستقلة. { $regulator }
visit-card-unknown = (اطلب رؤيتها)

## A date without its weekday: "5 January 2027"
date-short = { $day } { $month } { $year }
