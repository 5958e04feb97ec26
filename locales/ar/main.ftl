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
promise-done = تم في { $date }
promise-late = متأخر: كان موعده { $due }
promise-late-done = متأخر: كان موعده { $due }، وتم في { $date }
promise-paused = متوقف مؤقتاً بانتظار ردك
promise-by = بحلول { $date }
promise-no-date = لا يوجد موعد بعد
track-late = هذا الطلب متأخر: وعدنا بـ { $promise }.
track-late-promise = { $title } بحلول { $date }
track-warning = تحذير
track-escalate-text = يمكنك أن تطلب إحالته إلى قائد الفريق، الذي سيتأكد من معالجته.
track-escalate = أرسله إلى قائد الفريق
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
track-see-all-text = لمعرفة ما حدث أو الرد أو إضافة معلومات، أخبرنا بعنوان البريد الإلكتروني أو الرمز البريدي الذي أعطيتنا إياه. الرابط في رسالتنا الإلكترونية يقوم بذلك نيابةً عنك.
track-answer-label = البريد الإلكتروني أو الرمز البريدي
track-continue = متابعة
track-privacy = حفاظاً على خصوصيتك، لا تعرض هذه الصفحة ما أخبرتنا به حتى ذلك الحين.
done-reply = وصلتنا رسالتك وأضفناها إلى طلبك
done-escalated = أُحيل طلبك إلى قائد الفريق
done-thanks = شكراً لإخبارنا
done-reopened = أعدنا فتح طلبك وسننظر فيه مرة أخرى
event-created = استلمنا طلبك
event-status = الحالة: { $status }
event-we-wrote = كتبنا إليك
event-you-wrote = كتبت إلينا
event-date-moved = غيّرنا موعد { $title } إلى { $date }
event-why = السبب: { $reason }
event-escalated = طلبت إحالة هذا الطلب إلى قائد الفريق لأنه تأخر
track-error-answer-empty = أدخل البريد الإلكتروني أو الرمز البريدي الذي أعطيتنا إياه
track-error-answer-wrong = هذا لا يطابق البريد الإلكتروني أو الرمز البريدي المسجل لدينا لهذا الطلب
track-error-answer-too-many = أُدخلت إجابات خاطئة كثيرة لهذا الطلب. حاول مرة أخرى بعد ساعة، أو اتصل بنا
track-error-message-empty = أدخل رسالتك
track-error-message-long = يجب ألا تزيد رسالتك على { $max } حرف
track-error-solved = أخبرنا إن كان هذا قد حلّ المشكلة
track-error-rating = اختر تقييماً من 1 إلى 5
track-error-comment-long = يجب ألا يزيد تعليقك على { $max } حرف
track-error-closed = هذا الطلب مغلق. لإخبارنا بشيء جديد، أبلغ عنه مرة أخرى.
track-error-not-late = لم يتجاوز هذا الطلب موعده، لذا لا يمكن إحالته بعد.
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
error-file-gone = لم يُرسل ملف أضفته خلال يوم، لذا حُذف. أضفه مرة أخرى
error-file-too-big = يجب أن يكون حجم كل ملف أقل من { $max } ميغابايت
error-too-many-files = لا تضف أكثر من { $max } ملفات
error-file-not-added = لا تضف أكثر من { $max } ملفات: لم يُضف { $file }
error-file-empty = الملف { $file } فارغ
error-file-size = يجب أن يكون حجم الملف { $file } أقل من { $max } ميغابايت
error-file-type = يجب أن يكون الملف { $file } صورة بصيغة JPG أو PNG أو HEIC أو WebP، أو ملف PDF
check-now-send-report = أرسل بلاغك الآن
check-now-send-request = أرسل طلبك الآن
check-pin-at = دبوس على الخريطة عند { $place }
