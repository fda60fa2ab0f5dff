package questionnaire

import "sync"

// Default returns backtriage's questionnaire. Question and option ids are a
// public contract (answers files and rule files use them): add, never rename,
// without a migration note in the README.
var Default = sync.OnceValue(func() *Questionnaire {
	qn, err := New(pages())
	if err != nil {
		panic("questionnaire: " + err.Error()) // a programming error, caught by tests
	}
	return qn
})

func none() Option                { return Option{ID: "none", Label: "None of these", Exclusive: true} }
func dontKnow() Option            { return Option{ID: "dont_know", Label: "I don't know", Exclusive: true} }
func opt(id, label string) Option { return Option{ID: id, Label: label} }

func pages() []*Page {
	return []*Page{
		{
			ID:    "warning",
			Title: "Warning signs first",
			Intro: "A few questions to rule out anything that needs a doctor before self-care.",
			Questions: []*Question{
				{
					ID: "warning_now", Kind: Many, Warning: true,
					Prompt: "Right now, do you have any of these with your back pain?",
					Short:  "Warning signs now",
					Why:    "These can be signs of a heart, lung or blood-vessel emergency, which needs help now, not self-care.",
					Options: []Option{
						opt("chest_pain", "Chest pain, pressure, tightness or squeezing"),
						opt("exertion_spread", "Pain spreading to the arm, jaw or neck when you are active"),
						opt("breathless", "Sudden shortness of breath"),
						opt("coughing_blood", "Coughing up blood"),
						opt("tearing_pain", "Sudden, severe tearing or ripping pain in the chest or back"),
						opt("fainting", "Fainting, or feeling you are about to faint"),
						none(),
					},
				},
				{
					ID: "warning_nerves", Kind: Many, Warning: true,
					Prompt: "Do you have any of these?",
					Short:  "Nerve signs",
					Why:    "Nerve signs can mean the spinal cord or a nerve is pressed on; some need emergency care.",
					Options: []Option{
						opt("both_legs", "Numbness, tingling or weakness in both legs"),
						opt("both_arms", "Numbness, tingling or weakness in both arms"),
						opt("unsteady", "New unsteadiness or difficulty walking"),
						opt("bladder_bowel", "Loss of bladder or bowel control, or difficulty peeing"),
						opt("saddle_numbness", "Numbness around the genitals, bottom or inner thighs"),
						opt("sudden_weakness", "Sudden, significant weakness in an arm or leg"),
						opt("one_arm", "Numbness, tingling or weakness in one arm or hand"),
						none(),
					},
				},
				{
					ID: "warning_history", Kind: Many, Warning: true,
					Prompt: "Does any of this apply to you?",
					Short:  "Health history",
					Why:    "Fever, injury, cancer, weight loss and fragile bones change what back pain can mean.",
					Options: []Option{
						opt("fever", "Fever, chills or a high temperature"),
						opt("accident", "The pain started after a fall, accident or blow"),
						opt("cancer", "You have had cancer"),
						opt("weight_loss", "You have lost weight without trying"),
						opt("night_pain", "Pain at night that no position eases"),
						opt("osteoporosis_steroids", "Osteoporosis or long-term steroid tablets, and the pain came on suddenly"),
						none(),
					},
				},
				{
					ID: "age", Kind: Number, Warning: true, Min: 1, Max: 120, Unit: "years",
					Prompt: "How old are you?",
					Short:  "Age",
					Why:    "New back pain that keeps going in someone under 20 or over 50 deserves a doctor's look.",
				},
				// The questions below were added after the first four; their
				// options are new ids, so the first four keep their meaning.
				{
					ID: "warning_more_now", Kind: Many, Warning: true,
					Prompt: "Right now, do you also have any of these?",
					Short:  "More warning signs now",
					Why:    "A heart attack can come without chest pain; a torn aorta or a blood clot can feel like a pulled muscle.",
					Options: []Option{
						opt("sweating_sick", "Sweating, clammy skin, or feeling or being sick, with the pain"),
						opt("rest_spread", "Pain spreading to the jaw, neck, arm or chest while you are resting"),
						opt("sudden_severe", "Severe pain that came on suddenly and was at its worst within seconds, whatever it feels like"),
						opt("breath_pain", "Sharp pain in the chest or back when you breathe in"),
						opt("sepsis_signs", "Feeling very unwell with confusion, slurred speech, blotchy, blue or very pale skin, or very fast breathing"),
						opt("severe_arm_pain", "Severe pain down one arm with tingling or numbness"),
						none(),
					},
				},
				{
					ID: "warning_recent", Kind: Many, Warning: true,
					Prompt: "In the last few days or weeks, have you had any of these, even if they have gone?",
					Short:  "Recent warning signs",
					Why:    "A fever that has passed, or blood coughed up last week, still matters with new back pain.",
					Options: []Option{
						opt("fever_recent", "A fever, chills or shivering in the last few days"),
						opt("coughed_blood_recent", "Coughed up blood in the last few weeks"),
						opt("night_sweats", "Night sweats that soak your nightclothes or sheets"),
						opt("recent_infection", "A bacterial infection in the last few weeks (for example a urine, chest or skin infection)"),
						none(),
					},
				},
				{
					ID: "warning_pain_pattern", Kind: Many, Warning: true,
					Prompt: "Is your back pain like any of these?",
					Short:  "Warning pain patterns",
					Why:    "Pain worse on coughing or straining, a lump, or a band round the chest can mean more than a muscle.",
					Options: []Option{
						opt("cough_sneeze_strain", "Worse when you cough, sneeze or go for a poo"),
						opt("lump_shape", "There is a lump or swelling on your back, or your back has changed shape"),
						opt("band_pain", "It wraps around your chest or body like a band"),
						none(),
					},
				},
				{
					ID: "warning_risk", Kind: Many, Warning: true,
					Prompt: "Does any of this apply to you?",
					Short:  "Risks",
					Why:    "An aortic aneurysm, fragile bones or a weak immune system change what back pain can mean.",
					Options: []Option{
						opt("aneurysm", "You have been told you have an aortic aneurysm, or Marfan syndrome"),
						opt("fragile_bones", "Osteoporosis or fragile bones, or you take steroid tablets long-term"),
						opt("immunosuppressed", "A weakened immune system (for example chemotherapy, a transplant or immune-suppressing medicine)"),
						opt("hiv", "HIV"),
						opt("injecting_drugs", "You inject drugs"),
						none(),
					},
				},
				{
					ID: "warning_clot_risk", Kind: Many, Warning: true,
					Prompt: "Blood clot risks: does any of this apply to you?",
					Short:  "Blood clot risks",
					Why:    "With a clot risk, pain on breathing or breathlessness can mean a clot in the lung.",
					Options: []Option{
						opt("pregnant_or_birth", "You are pregnant, or you gave birth in the last 6 weeks"),
						opt("surgery_hospital", "An operation or a stay in hospital in the last few weeks"),
						opt("long_travel", "A journey of more than 3 hours (plane, car, coach or train) in the last few weeks"),
						opt("bed_rest", "Several days mostly in bed or hardly moving, in the last few weeks"),
						opt("clot_before", "You have had a blood clot (DVT or pulmonary embolism) before"),
						opt("swollen_calf", "A swollen, painful calf or leg, often warm or red"),
						none(),
					},
				},
				{
					ID: "warning_injury", Kind: Many, Warning: true,
					Prompt: "Did the pain start after any of these?",
					Short:  "How it started",
					Why:    "A serious accident needs emergency care; with fragile bones or over 70, even a minor fall or lift can break a bone.",
					Options: []Option{
						opt("serious_accident", "A serious accident: a car crash, a fall from a height or down stairs, or a hard blow"),
						opt("minor_fall", "A minor fall, trip or knock"),
						opt("lifting_strain", "Lifting something, or a sudden twist or strain"),
						none(),
					},
				},
			},
		},
		{
			ID:    "where",
			Title: "Where and how it hurts",
			Intro: "Where you feel it is a clue, but the cause is often somewhere else.",
			Questions: []*Question{
				{
					ID: "pain_where", Kind: Many,
					Prompt: "Where does it hurt?",
					Short:  "Where it hurts",
					Why:    "Each muscle sends pain to its own places; the map of your pain narrows the causes.",
					Options: []Option{
						opt("neck", "Neck"),
						opt("shoulder_top", "Top of the shoulder"),
						opt("between_shoulder_blades", "Between the shoulder blades"),
						opt("middle_back", "Middle of the back"),
						opt("lower_back", "Lower back"),
						opt("chest", "Chest or front of the ribs"),
						opt("arm_hand", "Into the arm or hand"),
					},
				},
				{
					ID: "pain_side", Kind: One,
					Prompt: "Which side?",
					Short:  "Side",
					Why:    "One-sided pain often follows the side you sleep on or the arm you use.",
					Options: []Option{
						opt("left", "Left"),
						opt("right", "Right"),
						opt("both", "Both sides"),
						opt("middle", "In the middle, along the spine"),
					},
				},
				{
					ID: "pain_feel", Kind: Many,
					Prompt: "What does it feel like?",
					Short:  "How it feels",
					Why:    "A knot, a spasm and a nerve's tingling point to different causes and different care.",
					Options: []Option{
						opt("knot", "A knot"),
						opt("spasm", "A spasm, as if the muscle seized"),
						opt("stiffness", "Stiffness"),
						opt("ache", "A dull ache"),
						opt("sharp", "Sharp or stabbing"),
						opt("weakness", "Weakness"),
						opt("numbness_tingling", "Numbness or tingling"),
						opt("hurts_deep_breath", "It hurts to breathe in deeply"),
						opt("hurts_twist_reach", "It hurts to twist or reach behind"),
					},
				},
			},
		},
		{
			ID:    "when",
			Title: "When and for how long",
			Intro: "Timing separates a night's strain from a cause that keeps coming back.",
			Questions: []*Question{
				{
					ID: "pain_when", Kind: Many,
					Prompt: "When does it hurt?",
					Short:  "When it hurts",
					Why:    "Pain on waking that eases through the day points at the night: your bed, pillow or position.",
					Options: []Option{
						opt("on_waking", "When I wake up"),
						opt("eases_during_day", "It eases as the day goes on"),
						opt("worse_during_day", "It gets worse through the day"),
						opt("wakes_at_night", "It wakes me at night"),
						opt("constant", "All the time"),
					},
				},
				{
					ID: "duration", Kind: One,
					Prompt: "How long have you had it?",
					Short:  "How long",
					Why:    "A day or two usually means the sore spot itself; longer pain is often a symptom of a cause elsewhere.",
					Options: []Option{
						opt("days_1_2", "A day or two"),
						opt("under_week", "Less than a week"),
						opt("weeks_1_6", "1 to 6 weeks"),
						opt("weeks_6_to_months_3", "6 weeks to 3 months"),
						opt("longer", "Longer than 3 months"),
					},
				},
				{
					ID: "onset", Kind: One,
					Prompt: "How did it start?",
					Short:  "Onset",
					Why:    "Pain that came on gradually over days is different from pain that started at one moment.",
					Options: []Option{
						opt("sudden", "Suddenly, at one moment"),
						opt("on_waking", "I woke up with it"),
						opt("gradual", "Gradually, over days or weeks"),
						dontKnow(),
					},
				},
				{
					ID: "course", Kind: One,
					Prompt: "Since it started, is it...",
					Short:  "Getting better or worse",
					Why:    "Pain that keeps getting worse should be checked, whatever the cause.",
					Options: []Option{
						opt("better", "Getting better"),
						opt("same", "About the same"),
						opt("worse", "Getting worse"),
						dontKnow(),
					},
				},
				{
					ID: "stiffness_pattern", Kind: Many,
					Prompt: "Is your stiffness like any of these?",
					Short:  "Stiffness pattern",
					Why:    "Long morning stiffness that eases with exercise and not with rest can be inflammation of the spine.",
					Options: []Option{
						opt("long_morning", "Stiff for more than 30 minutes after getting up"),
						opt("better_exercise", "Better when I exercise or move about"),
						opt("worse_rest", "Worse after resting, and rest does not help"),
						none(),
					},
				},
				{
					ID: "recurring", Kind: YesNo,
					Prompt: "Does this pain keep coming back?",
					Short:  "Keeps coming back",
					Why:    "A one-off usually heals where it hurts; pain that keeps coming back often has a cause elsewhere pulling on the area.",
				},
			},
		},
		{
			ID:    "sleep",
			Title: "How you sleep",
			Intro: "Hours in one position can strain a muscle without you knowing.",
			Questions: []*Question{
				{
					ID: "sleep_position", Kind: Many,
					Prompt: "How do you sleep?",
					Short:  "Sleep position",
					Why:    "Side sleeping with support keeps the spine in line; some positions stretch or squeeze muscles for hours.",
					Options: []Option{
						opt("side", "On my side"),
						opt("back", "On my back"),
						opt("stomach", "On my stomach"),
					},
				},
				{
					ID: "sleep_arm", Kind: Many,
					Prompt: "Where are your arms when you sleep?",
					Short:  "Arms in sleep",
					Why:    "An arm held out in front for hours can strain the muscles around the shoulder blade.",
					Options: []Option{
						opt("in_front", "Out in front of me"),
						opt("overhead", "Above my head"),
						opt("under_pillow", "Under the pillow or my head"),
						opt("by_side", "Down by my side"),
						dontKnow(),
					},
				},
				{
					ID: "sleep_neck", Kind: One,
					Prompt: "How is your neck when you sleep?",
					Short:  "Neck in sleep",
					Why:    "A neck tilted for hours irritates the scalene muscles, which send pain to the upper back.",
					Options: []Option{
						opt("tilted", "Tilted to one side"),
						opt("propped_high", "Propped up high"),
						opt("in_line", "Straight, in line with my spine"),
						dontKnow(),
					},
				},
				{
					ID: "sleep_curl", Kind: One,
					Prompt: "Do you curl up when you sleep?",
					Short:  "Curled up",
					Why:    "A tight curl compresses the spine and can tighten the diaphragm.",
					Options: []Option{
						opt("tight", "Curled up tightly"),
						opt("loose", "A little bent"),
						opt("straight", "Lying straight"),
						dontKnow(),
					},
				},
				{
					ID: "wake_to_change", Kind: YesNo,
					Prompt: "Does the pain wake you to change position?",
					Short:  "Wakes to change position",
					Why:    "Pain that eases when you move is usually muscular; pain that no position eases is a warning sign.",
				},
			},
		},
		{
			ID:    "bed",
			Title: "Pillow and mattress",
			Intro: "What holds you up for eight hours matters.",
			Questions: []*Question{
				{
					ID: "pillow_height", Kind: One,
					Prompt: "How high is your pillow?",
					Short:  "Pillow height",
					Why:    "Too high or too flat tips the neck out of line all night.",
					Options: []Option{
						opt("flat", "Flat, or no pillow"),
						opt("medium", "Medium"),
						opt("high", "High, or several stacked"),
						dontKnow(),
					},
				},
				{
					ID: "pillow_support", Kind: One,
					Prompt: "Does your pillow keep your neck in line with your spine?",
					Short:  "Pillow keeps neck in line",
					Why:    "A pillow that lets the head tip strains the neck muscles that send pain to the shoulders.",
					Options: []Option{
						opt("in_line", "Yes, my neck stays in line"),
						opt("no", "No, my head tips up, down or sideways"),
						dontKnow(),
					},
				},
				{
					ID: "pillow_knees", Kind: YesNo,
					Prompt: "Do you sleep with a pillow between your knees?",
					Short:  "Pillow between knees",
					Why:    "On your side, a pillow between the legs stops the spine from twisting.",
					ShowIf: &ShowIf{Question: "sleep_position", AnyOf: []string{"side"}},
				},
				{
					ID: "mattress_feel", Kind: One,
					Prompt: "How does your mattress feel?",
					Short:  "Mattress",
					Why:    "A soft or sagging mattress lets the spine bend all night; medium-firm or firm suits upper back pain best.",
					Options: []Option{
						opt("soft_sagging", "Soft, or it sags"),
						opt("medium_firm", "Medium-firm"),
						opt("firm", "Firm"),
						dontKnow(),
					},
				},
				{
					ID: "mattress_age", Kind: One,
					Prompt: "How old is your mattress?",
					Short:  "Mattress age",
					Why:    "Old mattresses lose their support even when they still feel fine.",
					Options: []Option{
						opt("new", "Less than a year"),
						opt("middle", "1 to 7 years"),
						opt("old", "8 years or more"),
						dontKnow(),
					},
				},
				{
					ID: "body_build", Kind: One,
					Prompt: "How would you describe your build?",
					Short:  "Build",
					Why:    "Kathryn Merrow, a massage therapist, suggests relaxing the diaphragm yourself only if you are thin or of normal weight.",
					Options: []Option{
						opt("thin", "Thin"),
						opt("normal", "Normal weight"),
						opt("heavier", "Heavier"),
						dontKnow(),
					},
				},
			},
		},
		{
			ID:    "day",
			Title: "Your day",
			Intro: "What you did yesterday often explains how you woke up today.",
			Questions: []*Question{
				{
					ID: "desk_hours", Kind: One,
					Prompt: "How many hours a day at a desk, laptop or phone?",
					Short:  "Desk or phone hours",
					Why:    "Long hours with arms in front shorten the chest muscles and tire the upper back.",
					Options: []Option{
						opt("under_2h", "Under 2 hours"),
						opt("2_to_4h", "2 to 4 hours"),
						opt("4_to_8h", "4 to 8 hours"),
						opt("over_8h", "More than 8 hours"),
					},
				},
				{
					ID: "slouch", Kind: One,
					Prompt: "Do you slouch or slump when you sit?",
					Short:  "Slouching",
					Why:    "Poor posture is one of the common causes of upper back pain.",
					Options: []Option{
						opt("often", "Often"),
						opt("sometimes", "Sometimes"),
						opt("rarely", "Rarely"),
						dontKnow(),
					},
				},
				{
					ID: "training", Kind: One,
					Prompt: "How much sport, dance or gym training do you do?",
					Short:  "Training",
					Why:    "Hard training can pull a muscle; good conditioning also helps it heal quickly.",
					Options: []Option{
						opt("none", "None"),
						opt("some", "1 to 3 times a week"),
						opt("most_days", "Serious training, most days"),
					},
				},
				{
					ID: "strain", Kind: Many,
					Prompt: "In the day or two before it started, did you...",
					Short:  "Before it started",
					Why:    "Sometimes it is from something you did the previous day.",
					Options: []Option{
						opt("lifting", "Lift or carry something heavy"),
						opt("pulled", "Feel a muscle pull during sport, dance or work"),
						opt("new_activity", "Do something new, or much more than usual"),
						none(),
					},
				},
				{
					ID: "baby", Kind: YesNo,
					Prompt: "Are you nursing, feeding or holding a baby a lot?",
					Short:  "Nursing or holding a baby",
					Why:    "Feeding positions held for long spells strain the neck and the muscles on the shoulder blades.",
				},
				{
					ID: "nursing_position", Kind: Many,
					Prompt: "How do you usually feed or hold the baby?",
					Short:  "Feeding position",
					Why:    "Sitting up and lying on your side strain different muscles.",
					ShowIf: &ShowIf{Question: "baby", AnyOf: []string{"yes"}},
					Options: []Option{
						opt("sitting_up", "Sitting up"),
						opt("lying_side", "Lying on my side"),
						opt("holding", "Carrying or holding for long spells"),
					},
				},
				{
					ID: "nursing_head", Kind: One,
					Prompt: "When you feed sitting up, what does your head do?",
					Short:  "Head while feeding",
					Why:    "A head that drops forward, or dozing, strains the muscles of the neck and upper back.",
					ShowIf: &ShowIf{Question: "nursing_position", AnyOf: []string{"sitting_up"}},
					Options: []Option{
						opt("falls_forward", "It drops forward, or I doze off"),
						opt("supported", "It is supported"),
						dontKnow(),
					},
				},
				{
					ID: "water", Kind: One,
					Prompt: "How much water do you drink a day?",
					Short:  "Water a day",
					Why:    "Muscles need water to work; too little can end in a spasm.",
					Options: []Option{
						opt("little", "Fewer than 4 glasses"),
						opt("some", "4 to 7 glasses"),
						opt("plenty", "8 glasses or more"),
						dontKnow(),
					},
				},
				{
					ID: "hot_nights", Kind: YesNo,
					Prompt: "Do you get hot or sweat at night?",
					Short:  "Hot nights",
					Why:    "Losing water through heat at night can tip a dry muscle into spasm.",
				},
			},
		},
		{
			ID:    "tried",
			Title: "What you have tried",
			Intro: "What has and has not helped shapes the plan.",
			Questions: []*Question{
				{
					ID: "tried", Kind: Many,
					Prompt: "What have you tried so far?",
					Short:  "Tried",
					Why:    "If self-care has not helped after a week or two, it is time for a professional.",
					Options: []Option{
						opt("massage", "Massage"),
						opt("chiropractor", "Chiropractor"),
						opt("new_bed", "A new bed"),
						opt("new_pillow", "A new pillow"),
						opt("painkillers", "Painkillers"),
						opt("stretching", "Stretching"),
						opt("heat", "Heat"),
						opt("ice", "Ice or cold packs"),
						none(),
					},
				},
				{
					ID: "tried_result", Kind: One,
					Prompt: "Has it helped?",
					Short:  "Did it help",
					Why:    "Pain that has not eased after 1 to 2 weeks of self-care should be checked.",
					ShowIf: &ShowIf{Question: "tried", AnyOf: []string{"massage", "chiropractor", "new_bed", "new_pillow", "painkillers", "stretching", "heat", "ice"}},
					Options: []Option{
						opt("helped", "Yes, it helped"),
						opt("somewhat", "A little"),
						opt("no_better", "No better after 1 to 2 weeks or more"),
						opt("too_soon", "Too soon to tell"),
					},
				},
			},
		},
	}
}
